import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword, signIn } from "../../app/accounts/auth.server";
import type { Db } from "../../app/platform/db.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../../app/platform/errors";
import { confirmEmailChange, decideEmailChange, getEmailChangeByToken, listEmailChangesForReview, requestEmailChange } from "../../app/membership/email-change.server";
import { action as accountAction, loader as accountLoader } from "../../app/routes/settings.account";
import { action as confirmAction, loader as confirmLoader } from "../../app/routes/email-change.$token";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/review._index";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";
import { callRoute, request, useTestDbForRoutes } from "../helpers/routes";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
});

const PASSWORD = "the members password 1";
const member = (o: Parameters<typeof makeMember>[1] = {}) => makeMember(db, { passwordHash: hashed, ...o });
let hashed: string;
beforeEach(async () => { hashed ??= await hashPassword(PASSWORD); });

const mailTo = (to: string, kind: string) =>
  db.selectFrom("outbox").selectAll().where("to_address", "=", to).where("kind", "=", kind).orderBy("id", "desc").executeTakeFirst();
const tokenIn = (text: string) => /\/email-change\/([a-z0-9]+)/.exec(text)![1]!;
const emailOf = async (id: number) => (await db.selectFrom("people").select(["email", "email_normalized"]).where("id", "=", id).executeTakeFirstOrThrow());
const auditActions = async () => (await db.selectFrom("audit_log").select("action").where("action", "like", "email_change.%").orderBy("id").execute()).map((a) => a.action);

async function requestAndToken(m: Awaited<ReturnType<typeof member>>, newEmail: string, now = new Date()) {
  await requestEmailChange(db, m, { newEmail, currentPassword: PASSWORD }, now);
  return tokenIn((await mailTo(newEmail, "email_change_confirm"))!.text_body);
}

describe("changing one's email at /settings/account", () => {
  it("needs the current password and a different, valid address; typed values come back, never the password", async () => {
    const m = await member();
    const post = async (form: Record<string, string>) => callRoute(accountAction, await request(db, "/settings/account", m, { intent: "email", ...form }));
    const bad = await post({ newEmail: "rosa@", currentPassword: PASSWORD });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.newEmail).toMatch(/valid email/);
    const wrong = await post({ newEmail: "rosa@tailspin.example", currentPassword: "nope" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fieldErrors).toEqual({ currentPassword: "That is not your current password." });
    expect(wrong.body.values).toEqual({ intent: "email", newEmail: "rosa@tailspin.example" });
    const same = await post({ newEmail: m.email.toUpperCase(), currentPassword: PASSWORD });
    expect(same.body.fieldErrors.newEmail).toBe("That is already your address.");
    expect(await db.selectFrom("email_changes").select("id").execute()).toHaveLength(0);
  });

  it("takes effect only when the link sent to the new address is followed; the old address is told; the link works once", async () => {
    const m = await member({ name: "Rosa Diaz" });
    const asked = await callRoute(accountAction, await request(db, "/settings/account", m, { intent: "email", newEmail: "Rosa@Tailspin.example", currentPassword: PASSWORD }));
    expect(asked.body).toMatchObject({ ok: true, intent: "email" });
    expect(asked.body.message).toContain("We have emailed a confirmation link to Rosa@Tailspin.example");
    expect((await emailOf(m.id)).email).toBe(m.email);
    const notice = await mailTo(m.email, "email_change_notice");
    expect(notice!.text_body).toContain("Rosa@Tailspin.example");
    expect(notice!.text_body).toMatch(/change it at .*\/settings\/account/);
    const token = tokenIn((await mailTo("Rosa@Tailspin.example", "email_change_confirm"))!.text_body);
    // Hashed at rest: the token itself is nowhere in the table.
    const row = await db.selectFrom("email_changes").selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(token);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(24 * 3_600_000);

    const own = await callRoute(accountLoader, await request(db, "/settings/account", m));
    expect(own.body.emailChange).toMatchObject({ new_email: "Rosa@Tailspin.example", status: "pending" });

    // Opening the link (signed out) changes nothing; the button does.
    const page = await callRoute(confirmLoader, await request(db, `/email-change/${token}`, null), { token });
    expect(page.body).toEqual({ name: "Rosa Diaz", newEmail: "Rosa@Tailspin.example", needsReview: false });
    expect((await emailOf(m.id)).email).toBe(m.email);
    const confirmed = await callRoute(confirmAction, await request(db, `/email-change/${token}`, null, {}), { token });
    expect(confirmed.location).toBe("/email-change/done?outcome=applied");
    expect(await emailOf(m.id)).toEqual({ email: "Rosa@Tailspin.example", email_normalized: "rosa@tailspin.example" });
    expect(await signIn(db, { email: "rosa@tailspin.example", password: PASSWORD, ip: "1.1.1.1" })).toBe(m.id);
    await expect(signIn(db, { email: m.email, password: PASSWORD, ip: "1.1.1.1" })).rejects.toBeInstanceOf(Invalid);
    expect(await mailTo(m.email, "email_changed")).toBeDefined();
    expect(await mailTo("Rosa@Tailspin.example", "email_changed")).toBeDefined();
    expect(await auditActions()).toEqual(["email_change.requested", "email_change.applied"]);

    const again = await callRoute(confirmAction, await request(db, `/email-change/${token}`, null, {}), { token });
    expect(again.status).toBe(404);
    await expect(getEmailChangeByToken(db, token)).rejects.toThrow(/already used/);
  });

  it("a link expires after 24 hours, and a newer request replaces an unconfirmed one", async () => {
    const m = await member();
    const t0 = new Date("2026-12-01T10:00:00Z");
    const first = await requestAndToken(m, "first@tailspin.example", t0);
    await expect(confirmEmailChange(db, first, new Date("2026-12-02T10:00:01Z"))).rejects.toThrow(/expired/);
    const second = await requestAndToken(m, "second@tailspin.example", t0);
    const third = await requestAndToken(m, "third@tailspin.example", t0);
    await expect(confirmEmailChange(db, second, t0)).rejects.toBeInstanceOf(NotFound);
    expect(await confirmEmailChange(db, third, t0)).toMatchObject({ outcome: "applied" });
    expect((await emailOf(m.id)).email).toBe("third@tailspin.example");
    expect(await confirmEmailChange(db, "not-a-token").catch((e) => e)).toBeInstanceOf(NotFound);
  });

  it("does not say whether another member owns the address: the same answer, and that owner is told someone tried", async () => {
    const m = await member();
    const other = await member({ email: "taken@tailspin.example" });
    const post = async (newEmail: string) => callRoute(accountAction, await request(db, "/settings/account", m, { intent: "email", newEmail, currentPassword: PASSWORD }));
    const taken = await post("Taken@Tailspin.example");
    const free = await post("free@tailspin.example");
    expect(taken.status).toBe(free.status);
    expect(taken.body.message.replace("Taken@Tailspin.example", "X")).toBe(free.body.message.replace("free@tailspin.example", "X"));
    expect(await mailTo("Taken@Tailspin.example", "email_change_confirm")).toBeUndefined();
    expect((await mailTo("Taken@Tailspin.example", "email_change_address_taken"))!.text_body).toContain("nothing changed");
    expect((await emailOf(other.id)).email).toBe("taken@tailspin.example");
    expect((await db.selectFrom("email_changes").select("new_email").execute()).map((r) => r.new_email)).toEqual(["free@tailspin.example"]);
  });

  it("refuses at confirmation when someone took the address meanwhile", async () => {
    const m = await member();
    const token = await requestAndToken(m, "late@tailspin.example");
    await member({ email: "late@tailspin.example" });
    await expect(confirmEmailChange(db, token)).rejects.toBeInstanceOf(Conflict);
    expect((await emailOf(m.id)).email).toBe(m.email);
  });

  it("allows 3 requests an hour", async () => {
    const m = await member();
    for (const n of [1, 2, 3]) await requestEmailChange(db, m, { newEmail: `n${n}@tailspin.example`, currentPassword: PASSWORD });
    const fourth = await callRoute(accountAction, await request(db, "/settings/account", m, { intent: "email", newEmail: "n4@tailspin.example", currentPassword: PASSWORD }));
    expect(fourth.status).toBe(429);
  });
});

describe("a change to a free-webmail address goes to a reviewer", () => {
  it("is not applied on confirmation; a reviewer (never the member) approves it or declines it with a reason, audited both ways", async () => {
    const moderator = await member({ roles: ["member", "moderator"] });
    const founder = await member({ roles: ["member", "founder"] });
    const m = await member({ name: "Rosa Diaz" });

    const token = await requestAndToken(m, "rosa.diaz@gmail.com");
    expect((await getEmailChangeByToken(db, token)).needsReview).toBe(true);
    expect(await confirmEmailChange(db, token)).toEqual({ outcome: "review", newEmail: "rosa.diaz@gmail.com" });
    expect((await emailOf(m.id)).email).toBe(m.email);
    expect(await mailTo("rosa.diaz@gmail.com", "email_change_review")).toBeDefined();

    const listed = await callRoute(reviewLoader, await request(db, "/review", founder));
    expect(listed.body.emailChanges).toMatchObject([{ name: "Rosa Diaz", old_email: m.email, new_email: "rosa.diaz@gmail.com", mayDecide: true }]);
    await expect(listEmailChangesForReview(db, m)).rejects.toBeInstanceOf(Forbidden);
    const id = listed.body.emailChanges[0].id as number;

    const noReason = await callRoute(reviewAction, await request(db, "/review", founder, { intent: "email-change", emailChangeId: String(id), decision: "decline", note: "" }));
    expect(noReason.status).toBe(400);
    expect(noReason.body.fieldErrors.note).toMatch(/say in a sentence why/);
    const declined = await callRoute(reviewAction, await request(db, "/review", founder,
      { intent: "email-change", emailChangeId: String(id), decision: "decline", note: "We could not tie this address to Rosa's role." }));
    expect(declined.location).toBe("/review#email-changes");
    expect((await emailOf(m.id)).email).toBe(m.email);
    expect((await mailTo(m.email, "email_change_declined"))!.text_body).toContain("We could not tie this address");
    await expect(decideEmailChange(db, founder, id, { decision: "approve", note: "" })).rejects.toBeInstanceOf(Conflict);

    // Asked again, and approved by a moderator this time.
    const again = await requestAndToken(m, "rosa.diaz@gmail.com");
    await confirmEmailChange(db, again);
    const [pending] = await listEmailChangesForReview(db, moderator);
    await decideEmailChange(db, moderator, pending!.id, { decision: "approve", note: "" });
    expect((await emailOf(m.id)).email).toBe("rosa.diaz@gmail.com");
    expect(await db.selectFrom("audit_log").select(["action", "rule", "actor_id"]).where("action", "in", ["email_change.approved", "email_change.declined"]).orderBy("id").execute())
      .toEqual([{ action: "email_change.declined", rule: "free_webmail", actor_id: founder.id }, { action: "email_change.approved", rule: "free_webmail", actor_id: moderator.id }]);
  });

  it("no reviewer decides their own change", async () => {
    const moderator = await member({ roles: ["member", "moderator"] });
    await confirmEmailChange(db, await requestAndToken(moderator, "mod@gmail.com"));
    const [own] = await listEmailChangesForReview(db, moderator);
    expect(own!.mayDecide).toBe(false);
    await expect(decideEmailChange(db, moderator, own!.id, { decision: "approve", note: "" })).rejects.toBeInstanceOf(Forbidden);
  });
});
