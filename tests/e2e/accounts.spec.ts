// Accounts a council can live with: recovering a password, and (further down) job changes.
// Each journey makes its own member in the e2e database, so the demo accounts other specs use are untouched.
import { hashPassword } from "../../app/accounts/auth.server";
import { createSession } from "../../app/accounts/session.server";
import { makeMember, type PersonOverrides } from "../factories";
import { e2eDb, expect, test } from "./fixtures";

const STRONG = "quiet-harbor-lantern-1987";

async function freshMember(o: PersonOverrides = {}) {
  const db = e2eDb();
  try {
    const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    return await makeMember(db, { email: `e2e-${stamp}@contoso.example`, passwordHash: await hashPassword("an-old-password-77"), ...o });
  } finally {
    await db.destroy();
  }
}

async function withDb<T>(fn: (db: ReturnType<typeof e2eDb>) => Promise<T>): Promise<T> {
  const db = e2eDb();
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

test("forgot password: the link from the outbox sets a strong password, signs in, and ends the old sessions", async ({ page }) => {
  const member = await freshMember({ name: "Odile Fairbanks" });
  const oldSession = await withDb((db) => createSession(db, member.id, 30));

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Work email").fill(member.email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If that address belongs to a member");

  const mail = await withDb((db) => db.selectFrom("outbox").select("text_body")
    .where("to_address", "=", member.email).where("kind", "=", "password_reset").orderBy("id", "desc").executeTakeFirstOrThrow());
  const link = /http:\/\/[^\s]+\/password\/reset\/[a-z0-9]+/.exec(mail.text_body)![0]!;
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();

  // Too easy to guess: zxcvbn's feedback beside the field, and the password is not kept.
  await page.getByLabel("New password", { exact: true }).fill("password1234");
  await page.getByLabel("New password, again").fill("password1234");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page.locator("#field-password-error")).toContainText("too easy to guess");
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("");

  await page.getByLabel("New password", { exact: true }).fill(STRONG);
  await page.getByLabel("New password, again").fill(STRONG);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page).toHaveURL(/\/settings\?done=password-reset/);
  await expect(page.getByRole("status")).toContainText("signed out everywhere else");

  const sessions = await withDb((db) => db.selectFrom("sessions").select("id").where("person_id", "=", member.id).execute());
  expect(sessions).toHaveLength(1);
  expect(sessions[0]!.id).not.toBe(oldSession.token);

  // The link works once.
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByText("already used")).toBeVisible();

  // And the new password signs in through the real form.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Work email").fill(member.email);
  await page.getByLabel("Password").fill(STRONG);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
});
