import { DEMO_PASSWORD, e2eDb, expect, signInAs, test, openStaffTool } from "./fixtures";
import { revokeMembership } from "../../app/membership/revocation.server";

test("a member signs in through the real form and lands on the framework", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Work email").fill("member@demo.council");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "The Social Business Framework" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Priya Raman");
  // A member sees discussions but not the staff queues.
  await expect(page.getByRole("link", { name: "Staff" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Applications" })).toHaveCount(0);
  const response = await page.goto("/review");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});

test("a wrong password shows an error and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Work email").fill("consultant@demo.council");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match a member account.")).toBeVisible();
  await expect(page.getByLabel("Work email")).toHaveValue("consultant@demo.council");
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("an anonymous visitor to a member page is sent to sign in and returned after", async ({ page }) => {
  await page.goto("/moderation/log");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmoderation%2Flog/);
  await page.getByLabel("Work email").fill("consultant@demo.council");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/moderation\/log$/);
  await expect(page.getByRole("heading", { name: "Moderation log" })).toBeVisible();
});

test("a founder sees the application queue and the held post", async ({ page }) => {
  await signInAs(page, "founder@demo.council");
  await page.goto("/");
  await expect(page.getByRole("banner")).toContainText("Founder");
  await openStaffTool(page, "Applications");
  await expect(page.getByRole("heading", { name: "Applications awaiting review" })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(4); // header + 3 pending applications
  await openStaffTool(page, "Review queue");
  // Scoped to the demo's held post: other journeys may hold more posts in the same database.
  const demoHeldPost = page.getByRole("region", { name: /Held post by Daniel Brooks/ }).filter({ hasText: "How do you attribute revenue" });
  await expect(demoHeldPost.getByText("Why it was held")).toBeVisible();
});

test("a moderator sees the review queue; the consultant sees their own held post and why", async ({ page, context }) => {
  await signInAs(page, "moderator@demo.council");
  await page.goto("/moderation");
  await expect(page.getByRole("region", { name: /Held post by Daniel Brooks/ }).filter({ hasText: "How do you attribute revenue" })).toBeVisible();
  await context.clearCookies();
  await signInAs(page, "consultant@demo.council");
  await page.goto("/threads?area=customer&discipline=measurement");
  await page.getByRole("link", { name: "How do you attribute revenue to social customer care?" }).click();
  await expect(page.getByText("Held for review — only you can see it")).toBeVisible();
  expect((await page.goto("/moderation"))?.status()).toBe(403);
});

test("a revoked member's open session is signed out on the next click", async ({ page }) => {
  await signInAs(page, "vp2@demo.council");
  await page.goto("/");
  await expect(page.getByRole("banner")).toContainText("Amelia Novak");
  const db = e2eDb();
  try {
    const person = await db.selectFrom("people").select("id").where("email_normalized", "=", "vp2@demo.council").executeTakeFirstOrThrow();
    await revokeMembership(db, null, { memberId: person.id, rule: "Eligibility policy", reason: "End-to-end test of immediate revocation." });
  } finally {
    await db.destroy();
  }
  await page.getByRole("link", { name: "Board reporting on social: what goes on one slide?" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await expect(page.getByRole("banner")).not.toContainText("Amelia Novak");
});

test("unknown addresses get a friendly 404 page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
});
