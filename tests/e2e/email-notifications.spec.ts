import { runNotificationPass } from "../../app/jobs.server";
import { KIND_LABELS } from "../../app/forum/notification-rules";
import { addMinutes } from "../../app/platform/time";
import { e2eDb, expect, signInAs, test } from "./fixtures";

// Hannah Schultz (director@demo.council) chooses her notification emails; Kenji Watanabe
// (svp@demo.council) writes to her; the notification pass (which the server runs every minute) emails
// her once the delay has passed; she leaves that kind of email with the one-click link in it.
test("set a preference and receive the matching email, then unsubscribe from that kind in one click", async ({ browser, page }) => {
  const hannah = await (await browser.newContext()).newPage();
  await signInAs(hannah, "director@demo.council");
  await hannah.goto("/settings/email");
  const messages = hannah.getByRole("group", { name: "Direct messages" });
  await expect(messages.getByRole("radio", { name: "Right away" })).toBeChecked();
  await hannah.getByRole("group", { name: "Replies in threads you started or follow" }).getByRole("radio", { name: "Never" }).check();
  await hannah.getByLabel("Your time zone").selectOption("Europe/Berlin");
  await hannah.getByRole("button", { name: "Save notification emails" }).click();
  await expect(hannah.getByRole("status")).toHaveText("Saved your notification emails.");
  await expect(hannah.getByRole("group", { name: "Replies in threads you started or follow" }).getByRole("radio", { name: "Never" })).toBeChecked();
  await expect(hannah.getByLabel("Your time zone")).toHaveValue("Europe/Berlin");

  // Kenji writes to her from the site.
  const db = e2eDb();
  try {
    const hannahId = (await db.selectFrom("people").select("id").where("email", "=", "director@demo.council").executeTakeFirstOrThrow()).id;
    const kenji = await (await browser.newContext()).newPage();
    await signInAs(kenji, "svp@demo.council");
    await kenji.goto("/messages");
    await kenji.getByLabel("To", { exact: true }).selectOption(String(hannahId));
    await kenji.getByLabel("Message", { exact: true }).fill("Hannah, could you share how you report social strategy results to your board?");
    await kenji.getByRole("button", { name: "Send message" }).click();
    await expect(kenji).toHaveURL(/\/messages\/\d+/);

    // Eleven minutes later she has not read it: the pass emails her (through the outbox).
    const pass = await runNotificationPass(db, { now: addMinutes(new Date(), 11) });
    expect(pass.notifications.sent).toBeGreaterThanOrEqual(1);
  } finally {
    await db.destroy();
  }

  // The founder sees it in the outbox: to Hannah, the message's text in it.
  await signInAs(page, "founder@demo.council");
  await page.goto("/outbox");
  const row = page.getByRole("row").filter({ hasText: "director@demo.council" }).filter({ hasText: "Kenji Watanabe sent you a message" });
  await expect(row).toHaveCount(1);
  await row.locator("summary").click();
  await expect(row.getByText(/how you report social strategy results to your board/)).toBeVisible();
  const text = await row.locator("pre").innerText();
  const unsubscribe = /Unsubscribe from these: https?:\/\/[^/\s]+(\/unsubscribe\/\S+)/.exec(text)![1]!;

  // The email's one-click link, without signing in, turns off direct-message emails only.
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(unsubscribe);
  await expect(anonymous.getByRole("heading", { name: "Unsubscribe from emails about direct messages" })).toBeVisible();
  await anonymous.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(anonymous.getByRole("status")).toContainText("will get no more emails about direct messages");
  await hannah.reload();
  await expect(hannah.getByRole("group", { name: "Direct messages" }).getByRole("radio", { name: "Never" })).toBeChecked();
  await expect(hannah.getByRole("group", { name: "@mentions of you" }).getByRole("radio", { name: "Right away" })).toBeChecked();
});

test("with the digest off, the page warns that kinds set to 'In the digest' will not arrive", async ({ page }) => {
  await signInAs(page, "director@demo.council");
  await page.goto("/settings/email");
  const votes = page.getByRole("group", { name: KIND_LABELS.votes });
  await votes.getByRole("radio", { name: "In the digest" }).check();
  await page.getByRole("button", { name: "Save notification emails" }).click();
  await expect(page.getByText("Saved your notification emails.")).toBeVisible();
  await expect(page.getByText("Your digest is off")).toHaveCount(0);

  await page.getByRole("radio", { name: /^Never — No digest/ }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(`Your digest is off, so ${KIND_LABELS.votes.toLowerCase()} set to “In the digest” will not reach you`)).toBeVisible();

  // Back as it was: a weekly digest, votes right away; the warning goes.
  await page.getByRole("radio", { name: /^Weekly/ }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Your digest is off")).toHaveCount(0);
  await votes.getByRole("radio", { name: "Right away" }).check();
  await page.getByRole("button", { name: "Save notification emails" }).click();
  await expect(page.getByText("Saved your notification emails.")).toBeVisible();
});
