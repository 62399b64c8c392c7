// The founders' dashboard: accessible SVG charts beside tables with the same numbers, and a CSV export.
import { readFile } from "node:fs/promises";
import { expect, signInAs, test, openStaffTool } from "./fixtures";

test("a founder reads the dashboard's charts and tables and downloads a CSV", async ({ page }) => {
  await signInAs(page, "founder@demo.council");
  await page.goto("/");
  await openStaffTool(page, "Dashboard");
  await expect(page.getByRole("heading", { name: "Founders' dashboard" })).toBeVisible();
  const roleLevels = page.getByRole("region", { name: "Members by role level" });
  await expect(roleLevels.getByRole("img", { name: /^Members by role level/ })).toBeVisible();
  await expect(roleLevels.getByRole("row", { name: /C-level/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Moderation per week/ })).toBeVisible();
  const decisions = page.getByRole("region", { name: "Time to decision" });
  await expect(decisions.getByRole("img", { name: /^Days to decision against the review window/ })).toBeVisible();
  await expect(decisions.getByRole("row", { name: /Promised review window/ })).toContainText("5 days");
  await expect(page.getByRole("region", { name: "Application funnel" }).getByRole("table")).toContainText("Applied");

  const download = page.waitForEvent("download");
  await roleLevels.getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^council-members-by-role-level-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await file.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("role level,members");
  expect(csv).toMatch(/\r\nC-level,\d+\r\n/);
});
