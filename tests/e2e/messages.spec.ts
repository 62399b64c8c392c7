import { expect, signInAs, test } from "./fixtures";

// Priya Raman (member@demo.council) is a VP executive who has not opened the door to consultants;
// Daniel Brooks (consultant@demo.council) is a consultant; Grace Whitfield (cmo@demo.council) accepts
// messages from any consultant.
test("no cold contact: the consultant cannot pick an executive until she writes first; a reply; a block ends it", async ({ browser }) => {
  const consultant = await (await browser.newContext()).newPage();
  const executive = await (await browser.newContext()).newPage();
  await signInAs(consultant, "consultant@demo.council");
  await signInAs(executive, "member@demo.council");

  // The picker offers consultants and executives who opened the door, not Priya.
  await consultant.goto("/messages");
  await expect(consultant.getByRole("heading", { name: "Messages", level: 1 })).toBeVisible();
  const picker = consultant.getByLabel("To", { exact: true });
  await expect(picker.locator("option", { hasText: "Grace Whitfield" })).toHaveCount(1);
  await expect(picker.locator("option", { hasText: "Rachel Kim" })).toHaveCount(1);
  await expect(picker.locator("option", { hasText: "Priya Raman" })).toHaveCount(0);

  // Priya writes to Daniel first.
  await executive.goto("/messages");
  await expect(executive.getByRole("group", { name: "Consultants may contact me" }).getByRole("radio", { name: /^No one/ })).toBeChecked();
  await executive.getByLabel("To", { exact: true }).selectOption({ label: "Daniel Brooks — Managing Partner, Brooks & Reed Consulting (Consultant / vendor)" });
  await executive.getByLabel("Message", { exact: true }).fill("Daniel, we are planning a social care pilot next quarter. How did your clients staff theirs?");
  await executive.getByRole("button", { name: "Send message" }).click();
  await expect(executive).toHaveURL(/\/messages\/\d+/);
  await expect(executive.getByRole("heading", { name: "Daniel Brooks" })).toBeVisible();

  // Daniel sees the unread message, opens it; a pitch is not sent and he sees why, with his text kept.
  await consultant.goto("/messages");
  await expect(consultant.getByRole("link", { name: /Messages 1 new/ })).toBeVisible();
  await consultant.getByRole("link", { name: "Priya Raman" }).click();
  await expect(consultant.getByText("How did your clients staff theirs?")).toBeVisible();
  await expect(consultant.getByRole("link", { name: /Messages 1 new/ })).toHaveCount(0);
  const pitch = "Happy to help! Book a call on my calendar: calendly.com/daniel-brooks. Council members get 20% off our care audit.";
  await consultant.getByLabel("Reply to Priya Raman").fill(pitch);
  await consultant.getByRole("button", { name: "Send reply" }).click();
  await expect(consultant.getByText(/reads like a sales pitch/)).toBeVisible();
  await expect(consultant.getByText("Why it was not sent")).toBeVisible();
  await expect(consultant.getByLabel("Reply to Priya Raman")).toHaveValue(pitch);

  const reply = "Most started with two people per shift and a shared tone-of-voice guide; the guide mattered more than the tooling.";
  await consultant.getByLabel("Reply to Priya Raman").fill(reply);
  await consultant.getByRole("button", { name: "Send reply" }).click();
  await expect(consultant.getByText(reply)).toBeVisible();

  // Priya reads the reply and blocks Daniel, after confirming.
  await executive.reload();
  await expect(executive.getByText(reply)).toBeVisible();
  await executive.getByRole("button", { name: "Block Daniel Brooks…" }).click();
  await expect(executive.getByText(/Neither of you will be able to write to the other/)).toBeVisible();
  await executive.getByRole("button", { name: "Yes, block Daniel Brooks" }).click();
  await expect(executive.getByRole("status")).toHaveText("You blocked Daniel Brooks. Unblock them to write again.");
  await expect(executive.getByRole("button", { name: "Unblock Daniel Brooks" })).toBeVisible();
  await expect(executive.getByLabel("Reply to Daniel Brooks")).toHaveCount(0);

  // Daniel can no longer write, and Priya is gone from his picker again.
  await consultant.reload();
  await expect(consultant.getByText("Priya Raman is not accepting messages from you.")).toBeVisible();
  await expect(consultant.getByLabel("Reply to Priya Raman")).toHaveCount(0);
  await consultant.goto("/messages");
  await expect(consultant.getByLabel("To", { exact: true }).locator("option", { hasText: "Priya Raman" })).toHaveCount(0);
});

test("an executive opens the door to every consultant with the contact setting", async ({ page }) => {
  await signInAs(page, "svp@demo.council");
  await page.goto("/messages");
  await page.getByRole("radio", { name: /^Anyone/ }).check();
  await page.getByRole("button", { name: "Save contact setting" }).click();
  await expect(page.getByRole("status")).toHaveText("Your contact setting is saved.");
  await expect(page.getByRole("radio", { name: /^Anyone/ })).toBeChecked();

  await signInAs(page, "consultant2@demo.council");
  await page.goto("/messages");
  await page.getByLabel("To", { exact: true }).selectOption({ label: "Kenji Watanabe — SVP, Employee Experience, Tailspin Airlines (Executive)" });
  await page.getByLabel("Message", { exact: true }).fill("Kenji, your advocacy thread was useful. Did participation hold up after the launch month?");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByRole("heading", { name: "Kenji Watanabe" })).toBeVisible();
});
