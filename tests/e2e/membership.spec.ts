import { e2eDb, expect, signInAs, test, openStaffTool } from "./fixtures";
import type { Page } from "@playwright/test";

async function fillApplication(page: Page, o: { name: string; email: string; roleLevel: string; title?: string }) {
  await page.getByLabel("Full name").fill(o.name);
  await page.getByLabel("Work email").fill(o.email);
  await page.getByLabel("Job title").fill(o.title ?? "VP, Social Media");
  await page.getByLabel("Company").fill("Tailspin Toys");
  await page.getByLabel("Role level").selectOption(o.roleLevel);
  await page.getByRole("radio", { name: "Yes" }).check();
  await page.getByLabel("What is that responsibility?").fill("I own social strategy for the company.");
  await page.getByRole("radio", { name: "Executive" }).check();
}

async function latestEmail(kind: string, to: string) {
  const db = e2eDb();
  try {
    return await db.selectFrom("outbox").selectAll().where("kind", "=", kind).where("to_address", "=", to).orderBy("id", "desc").executeTakeFirstOrThrow();
  } finally {
    await db.destroy();
  }
}

test("applying with a bad field keeps every value and shows the message beside the field", async ({ page }) => {
  await page.goto("/apply");
  await expect(page.getByRole("heading", { name: "Request an invitation" })).toBeVisible();
  await fillApplication(page, { name: "Nadia Flores", email: "nadia.flores@", roleLevel: "vp" });
  await page.getByLabel("Profile URL (optional)").fill("linkedin.com/in/nadia");
  await page.getByRole("button", { name: "Send my application" }).click();

  await expect(page.locator("#field-email-error")).toHaveText("Enter a valid email address, like name@company.com.");
  await expect(page.locator("#field-profileUrl-error")).toContainText("Enter a full web address");
  await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Full name")).toHaveValue("Nadia Flores");
  await expect(page.getByLabel("Work email")).toHaveValue("nadia.flores@");
  await expect(page.getByLabel("Company")).toHaveValue("Tailspin Toys");
  await expect(page.getByLabel("Role level")).toHaveValue("vp");
  await expect(page.getByRole("radio", { name: "Yes" })).toBeChecked();
  await expect(page.getByLabel("What is that responsibility?")).toHaveValue("I own social strategy for the company.");
  await expect(page.getByLabel("Profile URL (optional)")).toHaveValue("linkedin.com/in/nadia");

  await page.getByLabel("Work email").fill("nadia.flores@tailspintoys.example");
  await page.getByLabel("Profile URL (optional)").fill("https://www.linkedin.com/in/nadia");
  await page.getByRole("button", { name: "Send my application" }).click();
  await expect(page.getByRole("heading", { name: "Thank you, Nadia Flores. We received your application." })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Expect a decision by");
  await expect(page).toHaveURL(/\/apply\/status\/[a-z0-9]{32}\?submitted=1$/);

  // A second open application for the same address is refused without revealing the first one's link.
  await page.goto("/apply");
  await fillApplication(page, { name: "Someone Else", email: "NADIA.FLORES@tailspintoys.example", roleLevel: "c_level" });
  await page.getByRole("button", { name: "Send my application" }).click();
  await expect(page.locator("#field-email-error")).toContainText("emailed its status link to that address again");
  await expect(page.getByLabel("Full name")).toHaveValue("Someone Else");
});

test("a founder opens an application, verifies the facts, approves; the invitation signs the new member in", async ({ page, context }) => {
  await signInAs(page, "founder@demo.council");
  await page.goto("/review");
  const row = page.getByRole("row", { name: /Elena Petrova/ });
  await expect(row).toContainText("Eligible");
  await expect(page.getByRole("row", { name: /Beth Carter/ })).toContainText("Overdue");
  await row.getByRole("link", { name: "Elena Petrova" }).click();

  await expect(page.getByRole("heading", { name: "Policy v1 says: Eligible" })).toBeVisible();
  await expect(page.getByText("Record the verified facts first; the policy then decides.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  await page.getByLabel("The title “VP, Social & Community” at Fourth Coffee is real").check();
  await page.getByLabel("The email address belongs to Fourth Coffee").check();
  await page.getByLabel("What you checked").fill("Company leadership page and domain.");
  await page.getByRole("button", { name: "Record verified facts" }).click();
  await expect(page.getByRole("button", { name: "Reject and email the reasons" })).toHaveCount(0);
  await page.getByRole("button", { name: "Approve and send the invitation" }).click();
  await expect(page.getByRole("heading", { name: "Approved under policy v1" })).toBeVisible();

  await openStaffTool(page, "Invitations");
  await expect(page.getByRole("row", { name: /Elena Petrova/ })).toContainText("Pending");
  await openStaffTool(page, "Outbox");
  await expect(page.getByText("Your invitation to Council").first()).toBeVisible();

  const mail = await latestEmail("invitation", "elena.petrova@fourthcoffee.com");
  const link = /\/invite\/[a-z0-9]+/.exec(mail.text_body)![0];
  await context.clearCookies();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Welcome to Council, Elena Petrova" })).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Password again").fill("short");
  await page.getByRole("button", { name: "Join the council" }).click();
  await expect(page.locator("#field-password-error")).toContainText("at least 12 characters");
  await page.getByLabel("Password", { exact: true }).fill("fourth coffee social");
  await page.getByLabel("Password again").fill("fourth coffee social");
  await page.getByRole("button", { name: "Join the council" }).click();
  await expect(page.getByRole("heading", { name: "The Social Business Framework" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Elena Petrova");

  await page.goto(link); // single use
  await expect(page.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
});

test("an ineligible application can only be rejected, and the status page shows the decision with its reasons", async ({ page }) => {
  await page.goto("/apply");
  await fillApplication(page, { name: "Owen Price", email: "owen.price@tailspintoys.example", roleLevel: "below_director", title: "Social Media Manager" });
  await page.getByRole("button", { name: "Send my application" }).click();
  await expect(page.getByRole("heading", { name: /Thank you, Owen Price/ })).toBeVisible();
  const statusUrl = new URL(page.url()).pathname;
  await page.goto(statusUrl);
  await expect(page.getByText("Waiting for review")).toBeVisible();

  await signInAs(page, "moderator@demo.council");
  await page.goto("/review");
  await page.getByRole("link", { name: "Owen Price" }).click();
  await expect(page.getByRole("heading", { name: "Policy v1 says: Not eligible" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Reject and email the reasons" }).click();
  await expect(page.getByRole("heading", { name: "Rejected under policy v1" })).toBeVisible();

  await page.goto(statusUrl);
  await expect(page.getByText("Not approved")).toBeVisible();
  const reasons = page.getByRole("region", { name: "Reasons for the decision" });
  await expect(reasons.getByRole("heading", { name: "Why: eligibility policy version 1" })).toBeVisible();
  await expect(reasons).toContainText("Policy v1 does not admit Below Director members");
});

test("unknown invitation links get a clear page", async ({ page }) => {
  await page.goto("/invite/not-a-real-token");
  await expect(page.getByRole("heading", { name: "We do not recognise this invitation link" })).toBeVisible();
});
