import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword, signIn } from "../../app/accounts/auth.server";
import { getPasswordReset, requestPasswordReset, resetPassword, RESET_REQUESTED_MESSAGE } from "../../app/accounts/password-reset.server";
import { createSession, validateSessionToken } from "../../app/accounts/session.server";
import type { Db } from "../../app/platform/db.server";
import { Invalid, NotFound, TooManyRequests } from "../../app/platform/errors";
import { hashToken } from "../../app/platform/tokens.server";
import { action as forgotAction } from "../../app/routes/password.forgot";
import { action as resetAction } from "../../app/routes/password.reset.$token";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";
import { callRoute, request, useTestDbForRoutes } from "../helpers/routes";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
});

const STRONG = "quiet-harbor-lantern-1987";
const resetMails = () => db.selectFrom("outbox").selectAll().where("kind", "=", "password_reset").orderBy("id").execute();
const tokenFrom = (text: string) => /\/password\/reset\/([a-z0-9]+)/.exec(text)![1]!;
const linkFor = async (email: string, ip = "10.0.0.1") => {
  await requestPasswordReset(db, { email, ip });
  return tokenFrom((await resetMails()).at(-1)!.text_body);
};

describe("asking for a reset link", () => {
  it("emails an active member a single-use link whose token is stored only as its hash, and audits it", async () => {
    const m = await makeMember(db, { email: "priya@contoso.example" });
    const token = await linkFor("  Priya@Contoso.example ");
    const [mail] = await resetMails();
    expect(mail!.to_address).toBe("priya@contoso.example");
    const row = await db.selectFrom("password_resets").selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(60 * 60_000);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "password.reset_requested").executeTakeFirstOrThrow();
    expect(audit.subject_id).toBe(m.id);
  });

  it("answers a stranger, a revoked and a suspended person exactly like a member, and sends them nothing", async () => {
    await makeMember(db, { email: "gone@x.example", status: "revoked" });
    await makeMember(db, { email: "paused@x.example", status: "suspended" });
    await makeMember(db, { email: "real@x.example" });
    const answers = [];
    for (const email of ["nobody@x.example", "gone@x.example", "paused@x.example", "real@x.example"]) {
      const res = await callRoute(forgotAction, await request(db, "/password/forgot", null, { email }));
      answers.push({ status: res.status, body: res.body });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 200, body: { ok: true, message: RESET_REQUESTED_MESSAGE } });
    expect((await resetMails()).map((m) => m.to_address)).toEqual(["real@x.example"]);
  });

  it("limits requests per address (3 an hour), for strangers and members alike", async () => {
    for (const email of ["nobody@x.example", (await makeMember(db)).email]) {
      for (let i = 0; i < 3; i++) await requestPasswordReset(db, { email, ip: `10.1.0.${i}` });
      const error = await requestPasswordReset(db, { email, ip: "10.1.0.9" }).catch((e) => e);
      expect(error).toBeInstanceOf(TooManyRequests);
      expect(error.message).toMatch(/limit of 3 an hour/);
    }
  });

  it("limits requests per IP (10 an hour) and keeps what was typed on the form", async () => {
    for (let i = 0; i < 10; i++) await requestPasswordReset(db, { email: `p${i}@x.example`, ip: "10.2.0.1" });
    expect(await requestPasswordReset(db, { email: "p99@x.example", ip: "10.2.0.1" }).catch((e) => e)).toBeInstanceOf(TooManyRequests);
    expect(await requestPasswordReset(db, { email: "p99@x.example", ip: "10.2.0.2" })).toBeUndefined();
  });

  it("a new link replaces an unused earlier one", async () => {
    const m = await makeMember(db);
    const first = await linkFor(m.email);
    await linkFor(m.email);
    expect(await getPasswordReset(db, first).catch((e) => e)).toBeInstanceOf(NotFound);
  });
});

describe("setting the new password", () => {
  it("ends every old session, then the new password signs in; the old does not; the link is used up", async () => {
    const m = await makeMember(db, { passwordHash: await hashPassword("the old password 1") });
    const phone = await createSession(db, m.id, 30);
    const laptop = await createSession(db, m.id, 30);
    const token = await linkFor(m.email);
    expect(await resetPassword(db, { token, password: STRONG, passwordConfirm: STRONG })).toBe(m.id);
    expect(await validateSessionToken(db, phone.token, 30)).toBeNull();
    expect(await validateSessionToken(db, laptop.token, 30)).toBeNull();
    expect(await signIn(db, { email: m.email, password: STRONG, ip: "1.1.1.1" })).toBe(m.id);
    expect(await signIn(db, { email: m.email, password: "the old password 1", ip: "1.1.1.1" }).catch((e) => e)).toBeInstanceOf(Invalid);
    expect(await resetPassword(db, { token, password: STRONG, passwordConfirm: STRONG }).catch((e) => e.message)).toMatch(/already used/);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "password.reset").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: m.id, subject_id: m.id });
    expect(await db.selectFrom("outbox").select("to_address").where("kind", "=", "password_changed").execute()).toEqual([{ to_address: m.email }]);
  });

  it.each([
    ["too short", "short-pw", "short-pw", { password: "Use at least 12 characters." }],
    ["too easy to guess, with zxcvbn's advice", "password1234", "password1234", { password: expect.stringMatching(/too easy to guess.*commonly used password/) }],
    ["typed differently twice", STRONG, `${STRONG}x`, { passwordConfirm: expect.stringMatching(/do not match/) }],
  ])("refuses a password %s and keeps the link usable", async (_label, password, passwordConfirm, fieldErrors) => {
    const m = await makeMember(db);
    const token = await linkFor(m.email);
    const error = await resetPassword(db, { token, password, passwordConfirm }).catch((e) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(error.fieldErrors).toEqual(fieldErrors);
    expect(await getPasswordReset(db, token)).toMatchObject({ email: m.email });
  });

  it("refuses a password made of the member's own name", async () => {
    const m = await makeMember(db, { name: "Evangeline Whitcombe", company: "Northwind" });
    const token = await linkFor(m.email);
    const error = await resetPassword(db, { token, password: "EvangelineWhitcombe", passwordConfirm: "EvangelineWhitcombe" }).catch((e) => e);
    expect(error.fieldErrors.password).toMatch(/too easy to guess/);
  });

  it("refuses an expired link (60 minutes), an unknown one, and one whose member was revoked since", async () => {
    const m = await makeMember(db);
    const token = await linkFor(m.email);
    const later = new Date(Date.now() + 61 * 60_000);
    expect(await getPasswordReset(db, token, later).catch((e) => e.message)).toMatch(/expired/);
    expect(await getPasswordReset(db, "nosuchtoken").catch((e) => e)).toBeInstanceOf(NotFound);
    await db.updateTable("people").set({ status: "revoked" }).where("id", "=", m.id).execute();
    expect(await resetPassword(db, { token, password: STRONG, passwordConfirm: STRONG }).catch((e) => e)).toBeInstanceOf(NotFound);
  });

  it("the route signs the member in with a new session and never returns the password", async () => {
    const m = await makeMember(db);
    const token = await linkFor(m.email);
    const weak = await callRoute(resetAction, await request(db, `/password/reset/${token}`, null, { password: "password1234", passwordConfirm: "password1234" }), { token });
    expect(weak.status).toBe(400);
    expect(JSON.stringify(weak.body)).not.toContain("password1234");
    const ok = await callRoute(resetAction, await request(db, `/password/reset/${token}`, null, { password: STRONG, passwordConfirm: STRONG }), { token });
    expect(ok.location).toBe("/settings?done=password-reset");
    expect(await db.selectFrom("sessions").select("person_id").execute()).toEqual([{ person_id: m.id }]);
  });
});
