// A founder retrains the pitch check from the settings page, compares the candidate with the model
// in force, and adopts it; the moderation log shows the adoption.
import { test, expect, signInAs } from "./fixtures";

test("a founder retrains the pitch model and adopts the candidate", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, "founder@demo.council");
  await page.goto("/moderation/settings");
  const panel = page.getByRole("region", { name: "Pitch model" });
  await expect(panel.getByText(/In force: model v\d+/)).toBeVisible();
  const shipped = Number((await panel.getByText(/In force: model v\d+/).textContent())!.match(/model v(\d+)/)![1]);
  await expect(page.getByTestId("new-examples")).toContainText("new moderator decision");

  await panel.getByRole("button", { name: "Retrain a candidate" }).click();
  await expect(page.getByRole("status")).toContainText(`Candidate model v${shipped + 1} is trained`, { timeout: 200_000 });
  const table = panel.getByRole("table");
  await expect(table.getByRole("columnheader", { name: `in force (v${shipped})` })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: `candidate (v${shipped + 1})` })).toBeVisible();
  await expect(table.getByRole("row", { name: /Held-out corpus \(153 posts\): pitches held/ })).toContainText("%");

  await panel.getByRole("button", { name: `Adopt model v${shipped + 1}` }).click();
  await expect(page.getByRole("status")).toContainText(`Model v${shipped + 1} is adopted`);
  await expect(panel.getByText(`In force: model v${shipped + 1}`)).toBeVisible();
  await expect(page.getByTestId("new-examples")).toContainText("0 new moderator decisions");

  await page.goto("/moderation/log");
  await expect(page.getByText(`Pitch model v${shipped + 1} adopted in place of v${shipped}`)).toBeVisible();
});
