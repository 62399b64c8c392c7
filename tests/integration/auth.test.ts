import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword, signIn } from "../../app/accounts/auth.server";
import { SIGN_IN_RULES } from "../../app/platform/limits";
import type { Db } from "../../app/platform/db.server";
import { Invalid, TooManyRequests } from "../../app/platform/errors";
import { revokeMembership } from "../../app/membership/revocation.server";
import { createSession, invalidateAllSessions, sessionIdFromToken, validateSessionToken } from "../../app/accounts/session.server";
import { createTestDb } from "../helpers/db";
import { makeMember } from "../factories";

let db: Db;
let passwordHash: string;
beforeEach(async () => {
  db = await createTestDb();
  passwordHash ??= await hashPassword("correct horse battery");
});

describe("sessions", () => {
  it("stores only the token's hash and validates the token to its member", async () => {
    const member = await makeMember(db);
    const { token } = await createSession(db, member.id, 30);
    const row = await db.selectFrom("sessions").selectAll().executeTakeFirstOrThrow();
    expect(row.id).toBe(sessionIdFromToken(token));
    expect(row.id).not.toContain(token);
    const session = await validateSessionToken(db, token, 30);
    expect(session?.actor).toMatchObject({ id: member.id, roles: ["member"], status: "active" });
    expect(session?.renewed).toBe(false);
  });

  it("rejects unknown tokens", async () => {
    expect(await validateSessionToken(db, "not-a-real-token", 30)).toBeNull();
  });

  it("deletes an expired session when it is used", async () => {
    const member = await makeMember(db);
    const { token } = await createSession(db, member.id, 30);
    await db.updateTable("sessions").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect(await validateSessionToken(db, token, 30)).toBeNull();
    expect(await db.selectFrom("sessions").selectAll().execute()).toHaveLength(0);
  });

  it("slides the expiry forward once half of it is used", async () => {
    const member = await makeMember(db);
    const { token } = await createSession(db, member.id, 30);
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString();
    await db.updateTable("sessions").set({ expires_at: soon }).execute();
    const session = await validateSessionToken(db, token, 30);
    expect(session?.renewed).toBe(true);
    const row = await db.selectFrom("sessions").select("expires_at").executeTakeFirstOrThrow();
    expect(new Date(row.expires_at).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it("signing out everywhere ends every session of that person only", async () => {
    const a = await makeMember(db);
    const b = await makeMember(db);
    const [a1, a2, b1] = [await createSession(db, a.id, 30), await createSession(db, a.id, 30), await createSession(db, b.id, 30)];
    await invalidateAllSessions(db, a.id);
    expect(await validateSessionToken(db, a1.token, 30)).toBeNull();
    expect(await validateSessionToken(db, a2.token, 30)).toBeNull();
    expect(await validateSessionToken(db, b1.token, 30)).not.toBeNull();
  });

  it("a session stops working as soon as its person is no longer active", async () => {
    const member = await makeMember(db);
    const { token } = await createSession(db, member.id, 30);
    await db.updateTable("people").set({ status: "suspended" }).execute();
    expect(await validateSessionToken(db, token, 30)).toBeNull();
  });
});

describe("sign-in", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const member = await makeMember(db, { email: "Priya@Contoso.example", passwordHash });
    expect(await signIn(db, { email: "  priya@contoso.EXAMPLE ", password: "correct horse battery", ip: "1.1.1.1" })).toBe(member.id);
  });

  it("refuses a wrong password and an unknown email with the same message, and records the failure", async () => {
    await makeMember(db, { email: "a@b.example", passwordHash });
    const wrong = await signIn(db, { email: "a@b.example", password: "nope", ip: "1.1.1.1" }).catch((e) => e);
    const unknown = await signIn(db, { email: "nobody@b.example", password: "nope", ip: "1.1.1.1" }).catch((e) => e);
    expect(wrong).toBeInstanceOf(Invalid);
    expect(unknown.message).toBe(wrong.message);
    expect(await db.selectFrom("sign_in_failures").selectAll().execute()).toHaveLength(2);
  });

  it("limits failed attempts per account and address, with a clear message, even with the right password", async () => {
    await makeMember(db, { email: "a@b.example", passwordHash });
    for (let i = 0; i < SIGN_IN_RULES.accountAndIp.limit; i++) {
      await expect(signIn(db, { email: "a@b.example", password: "nope", ip: "10.0.0.1" })).rejects.toBeInstanceOf(Invalid);
    }
    const limited = await signIn(db, { email: "a@b.example", password: "correct horse battery", ip: "10.0.0.1" }).catch((e) => e);
    expect(limited).toBeInstanceOf(TooManyRequests);
    expect(limited.message).toMatch(/you can try again after .*UTC/);
  });

  it("failures from one address never keep the owner out elsewhere (the lock-out weapon)", async () => {
    const founder = await makeMember(db, { email: "founder@b.example", passwordHash, roles: ["member", "founder"] });
    for (let i = 0; i < 20; i++) {
      await signIn(db, { email: "founder@b.example", password: "guess", ip: "6.6.6.6" }).catch(() => undefined);
    }
    await expect(signIn(db, { email: "founder@b.example", password: "correct horse battery", ip: "6.6.6.6" })).rejects.toBeInstanceOf(TooManyRequests);
    expect(await signIn(db, { email: "founder@b.example", password: "correct horse battery", ip: "10.1.1.1" })).toBe(founder.id);
  });

  it("limits failed attempts per IP across accounts", async () => {
    await makeMember(db, { email: "target@b.example", passwordHash });
    for (let i = 0; i < SIGN_IN_RULES.ip.limit; i++) {
      await db.insertInto("sign_in_failures").values({ email_normalized: `guess${i}@b.example`, ip: "6.6.6.6", at: new Date().toISOString() }).execute();
    }
    await expect(signIn(db, { email: "target@b.example", password: "correct horse battery", ip: "6.6.6.6" })).rejects.toBeInstanceOf(TooManyRequests);
    expect(await signIn(db, { email: "target@b.example", password: "correct horse battery", ip: "7.7.7.7" })).toBeGreaterThan(0);
  });

  it("a per-account ceiling stops guessing spread over many addresses, but not in a browser the owner has signed in with", async () => {
    const owner = await makeMember(db, { email: "founder@b.example", passwordHash, roles: ["member", "founder"] });
    const someoneElse = await makeMember(db);
    for (let i = 0; i < SIGN_IN_RULES.account.limit; i++) {
      await db.insertInto("sign_in_failures").values({ email_normalized: "founder@b.example", ip: `203.0.${i >> 8}.${i & 255}`, at: new Date().toISOString() }).execute();
    }
    const fresh = { email: "founder@b.example", password: "correct horse battery", ip: "10.9.9.9" };
    const refused = await signIn(db, fresh).catch((e) => e);
    expect(refused).toBeInstanceOf(TooManyRequests);
    expect(refused.message).toMatch(/browser you have signed in with before can sign in now/);
    await expect(signIn(db, { ...fresh, browserPersonId: someoneElse.id })).rejects.toBeInstanceOf(TooManyRequests);
    expect(await signIn(db, { ...fresh, browserPersonId: owner.id })).toBe(owner.id);
    // A known browser still cannot guess faster than one address may.
    for (let i = 0; i < SIGN_IN_RULES.accountAndIp.limit; i++) {
      await signIn(db, { ...fresh, password: "wrong", browserPersonId: owner.id }).catch(() => undefined);
    }
    await expect(signIn(db, { ...fresh, browserPersonId: owner.id })).rejects.toBeInstanceOf(TooManyRequests);
  });

  it("a successful sign-in forgives only the failures from that address", async () => {
    await makeMember(db, { email: "a@b.example", passwordHash });
    await signIn(db, { email: "a@b.example", password: "typo", ip: "10.0.0.1" }).catch(() => undefined);
    await signIn(db, { email: "a@b.example", password: "guess", ip: "6.6.6.6" }).catch(() => undefined);
    await signIn(db, { email: "a@b.example", password: "correct horse battery", ip: "10.0.0.1" });
    expect(await db.selectFrom("sign_in_failures").select("ip").execute()).toEqual([{ ip: "6.6.6.6" }]);
  });

  it("a revoked member cannot sign in, and is told why", async () => {
    await makeMember(db, { email: "gone@b.example", passwordHash, status: "revoked" });
    await expect(signIn(db, { email: "gone@b.example", password: "correct horse battery", ip: "1.1.1.1" })).rejects.toThrow(/revoked/);
  });
});

describe("revocation", () => {
  it("ends the member's sessions at once, keeps their posts, and records the rule and reason", async () => {
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const member = await makeMember(db);
    const { token } = await createSession(db, member.id, 30);
    await revokeMembership(db, moderator, { memberId: member.id, rule: "Eligibility policy v1", reason: "Role level is below Director." });
    expect(await validateSessionToken(db, token, 30)).toBeNull();
    const person = await db.selectFrom("people").select(["status", "revoked_at"]).where("id", "=", member.id).executeTakeFirstOrThrow();
    expect(person.status).toBe("revoked");
    expect(person.revoked_at).not.toBeNull();
    const audit = await db.selectFrom("audit_log").selectAll().executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: moderator.id, action: "membership.revoked", subject_id: member.id, rule: "Eligibility policy v1", reason: "Role level is below Director." });
  });

  it("is refused to ordinary members, to oneself, and without a reason", async () => {
    const member = await makeMember(db);
    const other = await makeMember(db);
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    await expect(revokeMembership(db, member, { memberId: other.id, rule: "x", reason: "A long enough reason" })).rejects.toThrow(/permission/);
    await expect(revokeMembership(db, moderator, { memberId: moderator.id, rule: "x", reason: "A long enough reason" })).rejects.toThrow(/your own/);
    await expect(revokeMembership(db, moderator, { memberId: other.id, rule: "x", reason: "" })).rejects.toBeInstanceOf(Invalid);
    expect(await db.selectFrom("audit_log").selectAll().execute()).toHaveLength(0);
  });
});
