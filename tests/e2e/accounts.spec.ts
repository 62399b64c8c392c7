// Accounts a council can live with: recovering a password, and (further down) job changes.
// Each journey makes its own member in the e2e database, so the demo accounts other specs use are untouched.
import { hashPassword } from "../../app/accounts/auth.server";
import { createSession } from "../../app/accounts/session.server";
import { totpCodeAt, totpStep } from "../../app/accounts/totp";
import { recordSessionClient } from "../../app/accounts/session.server";
import { makeMember, makeThread, type PersonOverrides } from "../factories";
import { e2eDb, expect, signInAs, test } from "./fixtures";
import { bumpForumVersion } from "../../app/forum/forum-version.server";

const STRONG = "quiet-harbor-lantern-1987";
const FRESH = "e2e-%@contoso.example";

// The specs share one demo database: the members made here (and their notices and email) leave with each test,
// so later journeys (a policy's impact report, its notices) see the demo council as it was.
test.afterEach(async () => {
  await withDb(async (db) => {
    const ids = (await db.selectFrom("people").select("id").where("email", "like", FRESH).execute()).map((p) => p.id);
    if (ids.length === 0) return;
    for (const table of ["sessions", "membership_notices", "job_changes", "email_changes", "password_resets", "recovery_codes", "person_roles", "email_preferences"] as const) {
      await db.deleteFrom(table).where("person_id", "in", ids).execute();
    }
    await db.deleteFrom("outbox").where("to_address", "like", FRESH).execute();
    await db.deleteFrom("threads").where("author_id", "in", ids).execute(); // their posts go with them
    await bumpForumVersion(db); // the running server's home grid counts them no more
    await db.deleteFrom("people").where("id", "in", ids).execute();
  });
});

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

test("a VP changes title to Senior Manager: sees the verdict before confirming, then the notice", async ({ page }) => {
  const vp = await freshMember({ name: "Viola Prentiss", title: "VP, Social Media", roleLevel: "vp" });
  await signInAs(page, vp.email);
  await page.goto("/settings/email");
  await page.getByRole("link", { name: "← All account settings" }).click();
  await page.getByRole("link", { name: "Profile and job" }).click();
  await expect(page.getByRole("heading", { name: "Profile and job" })).toBeVisible();
  await expect(page.getByLabel("Job title")).toHaveValue("VP, Social Media");

  await page.getByLabel("Job title").fill("Senior Manager");
  await page.getByLabel("Role level").selectOption("below_director");
  await page.getByLabel("What is that responsibility?").fill("I run our social listening team.");
  await page.getByRole("button", { name: "Save" }).click();

  const verdict = page.getByRole("region", { name: "Verdict before you confirm" });
  await expect(verdict.getByRole("heading")).toContainText("Not eligible");
  await expect(verdict).toContainText("Policy v1 does not admit Below Director members");
  await expect(verdict).toContainText("You changed: Job title, Role level");
  // What was typed is still in the form, and nothing is saved yet.
  await expect(page.getByLabel("Job title")).toHaveValue("Senior Manager");
  expect(await withDb((db) => db.selectFrom("people").select("title").where("id", "=", vp.id).executeTakeFirstOrThrow())).toEqual({ title: "VP, Social Media" });

  await verdict.getByRole("button", { name: "Confirm the change and start my notice period" }).click();
  await expect(page.getByRole("status")).toContainText("Your membership ends on");
  const notice = await withDb((db) => db.selectFrom("membership_notices").select(["status", "policy_version"]).where("person_id", "=", vp.id).executeTakeFirstOrThrow());
  expect(notice).toEqual({ status: "pending", policy_version: 1 });
  await page.reload();
  await expect(page.locator(".warning")).toContainText("under eligibility policy v1");
});

test("a title change that still qualifies waits in /review, where a moderator verifies it", async ({ page }) => {
  const vp = await freshMember({ name: "Quentin Abara", title: "VP, Social Media", roleLevel: "vp" });
  await signInAs(page, vp.email);
  await page.goto("/settings/profile");
  await page.getByLabel("Job title").fill("VP, Social & Community");
  await page.getByLabel("What is that responsibility?").fill("I own social for all markets.");
  await page.getByRole("button", { name: "Save" }).click();
  const verdict = page.getByRole("region", { name: "Verdict before you confirm" });
  await expect(verdict.getByRole("heading")).toContainText("Eligible: you still qualify");
  await verdict.getByRole("button", { name: "Confirm the change" }).click();
  await expect(page.getByRole("status")).toContainText("A reviewer will verify your new role");

  await page.context().clearCookies();
  await signInAs(page, "moderator@demo.council");
  await page.goto("/review");
  const card = page.getByRole("article", { name: "Job change of Quentin Abara" });
  await expect(card).toContainText("VP, Social & Community");
  await card.getByLabel("The title “VP, Social & Community” is real").check();
  await card.getByLabel(/They work at/).check();
  await card.getByRole("button", { name: "Record verification" }).click();
  await expect(page.getByRole("article", { name: "Job change of Quentin Abara" })).toHaveCount(0);
});

test("enrol two-factor from the shown secret, then sign in with a code and with a recovery code", async ({ page }) => {
  const member = await freshMember({ name: "Tobias Quell", passwordHash: await hashPassword(STRONG) });
  await signInAs(page, member.email);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Sign-in and security" }).click();
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" }).locator("svg")).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Code from the app").fill("000000" === totpCodeAt(secret, totpStep(new Date())) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.locator("#field-code-error")).toContainText("did not match");

  const enrolStep = totpStep(new Date());
  await page.getByLabel("Code from the app").fill(totpCodeAt(secret, enrolStep));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).locator("code")).toHaveCount(10);
  const codes = await page.getByRole("list", { name: "Recovery codes" }).locator("code").allTextContents();
  expect(codes).toHaveLength(10);

  // Sign out, then in through the real form: the password, then a code (the next step's, so it is not a replay).
  const signOutThenInWith = async (code: string) => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.goto("/login");
    await page.getByLabel("Work email").fill(member.email);
    await page.getByLabel("Password").fill(STRONG);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
    await page.getByLabel("Code").fill(code);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  };
  await signOutThenInWith(totpCodeAt(secret, enrolStep + 1));
  await expect(page).toHaveURL(/\/$/);
  // And with a recovery code.
  await signOutThenInWith(codes[0]!);
  await page.goto("/settings/security");
  await expect(page.getByText("9 recovery codes left")).toBeVisible();
});

test("sign out another session from /settings/security", async ({ page }) => {
  const member = await freshMember({ name: "Rosalind Achebe" });
  const phone = await withDb(async (db) => {
    const session = await createSession(db, member.id, 30);
    await recordSessionClient(db, session.token, {
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ip: "198.51.100.23",
    });
    return session;
  });
  await signInAs(page, member.email);
  await page.goto("/settings/security");
  const row = page.getByRole("row", { name: /Safari 17 on iPhone/ });
  await expect(row).toContainText("198.51.100.0/24");
  await expect(page.getByRole("row", { name: /This browser/ })).toBeVisible();
  await row.getByRole("button", { name: /Sign out Safari 17 on iPhone/ }).click();
  await expect(page.getByRole("status")).toContainText("1 session was signed out");
  await expect(page.getByRole("row", { name: /Safari 17 on iPhone/ })).toHaveCount(0);
  const left = await withDb((db) => db.selectFrom("sessions").select("id").where("person_id", "=", member.id).execute());
  expect(left).toHaveLength(1);
  expect(left[0]!.id).not.toBe(phone.token);
});

test("resign: confirmed with the password, signed out, cannot sign in again, and the thread shows a former member", async ({ page }) => {
  const member = await freshMember({ name: "Marguerite Ostrowski", title: "SVP, Customer Care", company: "Wingtip" });
  const thread = await withDb((db) => makeThread(db, member, { title: `Night shifts on the care desk ${Date.now()}`, body: "We rotate the night shift weekly." }));
  await signInAs(page, member.email);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Resign" }).click();
  await expect(page.getByRole("heading", { name: "Resign from Council" })).toBeVisible();

  // Without ticking the box, nothing happens and the reason typed is kept.
  await page.getByLabel("Why are you leaving?").fill("A new role leaves no time.");
  await page.getByLabel("Your current password").fill("an-old-password-77");
  await page.getByRole("button", { name: "Resign my membership" }).click();
  await expect(page.locator("#field-understood-error")).toContainText("Tick the box");
  await expect(page.getByLabel("Why are you leaving?")).toHaveValue("A new role leaves no time.");

  await page.getByLabel(/I understand that resigning ends my membership/).check();
  await page.getByLabel("Your current password").fill("an-old-password-77");
  await page.getByRole("button", { name: "Resign my membership" }).click();
  await expect(page).toHaveURL(/\/login\?resigned=1/);
  await expect(page.getByRole("status")).toContainText("You have resigned from Council");

  // Signed out: member pages ask to sign in; the old password no longer opens anything.
  await page.goto("/threads");
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.getByLabel("Work email").fill(member.email);
  await page.getByLabel("Password").fill("an-old-password-77");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").first()).toContainText("do not match a member account");

  // Another member still reads the thread, written by "Former member".
  const reader = await freshMember({ name: "Tobias Lindqvist" });
  await signInAs(page, reader.email);
  await page.goto(`/threads/${thread.id}`);
  const post = page.getByRole("region", { name: "Post 1 by Former member" });
  await expect(post).toContainText("We rotate the night shift weekly.");
  await expect(page.getByText("Marguerite Ostrowski")).toHaveCount(0);
});

test("change email: the link mailed to the new address (opened signed out) makes the change; the old address was told", async ({ page }) => {
  const member = await freshMember({ name: "Henrietta Vos" });
  const stamp = `${Date.now()}`;
  const newEmail = `e2e-new-${stamp}@contoso.example`;
  await signInAs(page, member.email);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Password and email" }).click();
  const form = page.getByRole("form", { name: "Email address" });
  await form.getByLabel("New email address").fill(newEmail);
  await form.getByLabel("Current password").fill("an-old-password-77");
  await form.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByRole("status")).toContainText(`We have emailed a confirmation link to ${newEmail}`);
  await expect(page.getByText(`You sign in with ${member.email}`)).toBeVisible();

  const [confirm, notice] = await withDb((db) => Promise.all(["email_change_confirm", "email_change_notice"].map((kind) =>
    db.selectFrom("outbox").select(["to_address", "text_body"]).where("kind", "=", kind).orderBy("id", "desc").executeTakeFirstOrThrow())));
  expect(confirm!.to_address).toBe(newEmail);
  expect(notice!.to_address).toBe(member.email);
  const link = /http:\/\/[^\s]+\/email-change\/[a-z0-9]+/.exec(confirm!.text_body)![0]!;

  // Opened on another device, signed out.
  await page.context().clearCookies();
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: "Confirm your new address" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm my new address" }).click();
  await expect(page).toHaveURL(/\/email-change\/done\?outcome=applied$/);
  await expect(page.getByRole("status")).toContainText("now uses your new address");

  await page.goto("/login");
  await page.getByLabel("Work email").fill(newEmail);
  await page.getByLabel("Password").fill("an-old-password-77");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
});
