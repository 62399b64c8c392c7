// Production mode for this file (each test file runs in its own process): the two-factor rule is on.
process.env.COUNCIL_MODE = "production";
process.env.PUBLIC_URL = "https://council.example";
process.env.APP_SECRET = "a-test-secret-that-is-at-least-32-characters-long";
process.env.TOTP_ENCRYPTION_KEY = "k8xLmVq3rT0pYw2sNc5uHf7aJd9eBg1iKo4lMn6Zr0Q=";

import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/accounts/auth.server";
import type { Actor } from "../../app/accounts/permissions";
import { loadActor } from "../../app/accounts/session.server";
import { generateTotpSecret, totpCodeAt, totpStep } from "../../app/accounts/totp";
import { confirmTwoFactorEnrolment, resetTwoFactor, startTwoFactorEnrolment, verifySecondFactor } from "../../app/accounts/two-factor.server";
import type { Db } from "../../app/platform/db.server";
import { openSecret } from "../../app/platform/secret-box.server";
import { Forbidden, Invalid, TooManyRequests } from "../../app/platform/errors";
import { action as loginAction } from "../../app/routes/login";
import { action as twoFactorAction } from "../../app/routes/login_.two-factor";
import { loader as reviewLoader } from "../../app/routes/review._index";
import { loader as moderationLoader } from "../../app/routes/moderation._index";
import { loader as profileLoader } from "../../app/routes/settings.profile";
import { loader as securityLoader } from "../../app/routes/settings.security";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";
import { callRoute, request, routeArgs, signedInRequest, useTestDbForRoutes } from "../helpers/routes";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
});

const PASSWORD = "lantern-harbor-quiet-1987";
const secretOf = async (id: number) => (await db.selectFrom("people").select(["totp_pending_secret", "totp_secret"]).where("id", "=", id).executeTakeFirstOrThrow());
async function enrol(actor: Actor, now = new Date()) {
  await startTwoFactorEnrolment(db, actor);
  const secret = openSecret((await secretOf(actor.id)).totp_pending_secret!, `totp:${actor.id}`);
  const codes = await confirmTwoFactorEnrolment(db, actor, totpCodeAt(secret, totpStep(now)), now);
  return { secret, codes, actor: (await loadActor(db, actor.id))! };
}

describe("two-factor is required for staff pages (production mode)", () => {
  it("a founder without it is sent to enrolment from staff pages, keeps member pages, and gets in once enrolled", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    for (const loader of [reviewLoader, moderationLoader]) {
      const res = await callRoute(loader, await signedInRequest(db, founder, "/review"));
      expect(res.location).toBe("/settings/security?required=two-factor");
    }
    expect((await callRoute(profileLoader, await signedInRequest(db, founder, "/settings/profile"))).status).toBe(200);
    const page = await callRoute(securityLoader, await signedInRequest(db, founder, "/settings/security"));
    expect(page.body.twoFactor).toMatchObject({ required: true, enabledAt: null });

    const { actor } = await enrol(founder);
    expect((await callRoute(reviewLoader, await signedInRequest(db, actor, "/review"))).status).toBe(200);
  });

  it("moderators and chapter presidents too; plain members never", async () => {
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    expect((await callRoute(moderationLoader, await signedInRequest(db, moderator, "/moderation"))).location).toBe("/settings/security?required=two-factor");
    const member = await makeMember(db);
    const page = await callRoute(securityLoader, await signedInRequest(db, member, "/settings/security"));
    expect(page.body.twoFactor.required).toBe(false);
    expect((await callRoute(reviewLoader, await signedInRequest(db, member, "/review"))).status).toBe(403);
  });
});

describe("the TOTP key at rest", () => {
  it("is stored encrypted, bound to its person; a key stored before encryption still works and is sealed on first use", async () => {
    const m = await makeMember(db);
    const { secret } = await enrol(m);
    const stored = (await secretOf(m.id)).totp_secret!;
    expect(stored.startsWith("v1.")).toBe(true);
    expect(stored).not.toContain(secret);
    expect(() => openSecret(stored, "totp:999")).toThrow();

    // As migration 302 stored it: plain base32.
    const old = await makeMember(db);
    const plain = generateTotpSecret();
    await db.updateTable("people").set({ totp_secret: plain, totp_enabled_at: new Date().toISOString(), totp_last_step: null }).where("id", "=", old.id).execute();
    expect(await verifySecondFactor(db, old.id, totpCodeAt(plain, totpStep(new Date())))).toBe("totp");
    const sealed = (await secretOf(old.id)).totp_secret!;
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(openSecret(sealed, `totp:${old.id}`)).toBe(plain);
  });
});

describe("enrolment", () => {
  it("needs one right code; stores ten recovery codes hashed; audited and emailed", async () => {
    const m = await makeMember(db);
    await startTwoFactorEnrolment(db, m);
    expect(await confirmTwoFactorEnrolment(db, m, "000000").catch((e) => e)).toBeInstanceOf(Invalid);
    const { codes } = await enrol(m);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await db.selectFrom("recovery_codes").select("code_hash").where("person_id", "=", m.id).execute();
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0]!.replace("-", ""));
    expect((await secretOf(m.id)).totp_pending_secret).toBeNull();
    expect(await db.selectFrom("audit_log").select("action").where("action", "=", "two_factor.enabled").execute()).toHaveLength(1);
    expect(await db.selectFrom("outbox").select("kind").where("kind", "=", "two_factor_enabled").execute()).toHaveLength(1);
  });
});

describe("signing in with a second factor", () => {
  async function passwordStep(email: string) {
    const res = (await loginAction(routeArgs(await request(db, "/login", null, { email, password: PASSWORD, redirectTo: "/threads" })))) as Response;
    return { location: res.headers.get("Location"), cookie: res.headers.get("Set-Cookie")!.split(";")[0]! };
  }
  async function codeStep(cookie: string, code: string) {
    const req = new Request("http://localhost:3000/login/two-factor", { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams({ code, redirectTo: "/threads" }) });
    return callRoute(twoFactorAction, req);
  }

  it("asks for the code after the password, with no session until it is right; a code is not accepted twice", async () => {
    const m = await makeMember(db, { passwordHash: await hashPassword(PASSWORD) });
    const enrolledAt = new Date(Date.now() - 120_000); // enrolled two steps ago, so the current code is fresh
    const { secret } = await enrol(m, enrolledAt);
    await db.deleteFrom("sessions").execute();

    const first = await passwordStep(m.email);
    expect(first.location).toBe("/login/two-factor?redirectTo=%2Fthreads");
    expect(first.cookie).toMatch(/^council_2fa=/);
    expect(await db.selectFrom("sessions").selectAll().execute()).toEqual([]);

    const wrong = await codeStep(first.cookie, "123456" === totpCodeAt(secret, totpStep(new Date())) ? "654321" : "123456");
    expect(wrong.status).toBe(400);
    expect(wrong.body.fieldErrors.code).toMatch(/not right/);

    const code = totpCodeAt(secret, totpStep(new Date()));
    const ok = await codeStep(first.cookie, code);
    expect(ok.location).toBe("/threads");
    expect(await db.selectFrom("sessions").select("person_id").execute()).toEqual([{ person_id: m.id }]);

    const again = await codeStep((await passwordStep(m.email)).cookie, code);
    expect(again.status).toBe(400);
    expect(again.body.fieldErrors.code).toMatch(/already used/);
  });

  it("a recovery code signs in once, and is audited", async () => {
    const m = await makeMember(db, { passwordHash: await hashPassword(PASSWORD) });
    const { codes } = await enrol(m);
    const { cookie } = await passwordStep(m.email);
    expect((await codeStep(cookie, codes[3]!.toUpperCase())).location).toBe("/threads");
    expect((await codeStep(cookie, codes[3]!)).body.fieldErrors.code).toMatch(/already used/);
    expect(await db.selectFrom("audit_log").select("action").where("action", "=", "two_factor.recovery_code_used").execute()).toHaveLength(1);
  });

  it("without the password step there is nothing to try; codes are limited to 5 in 15 minutes per account", async () => {
    const m = await makeMember(db);
    const { secret } = await enrol(m, new Date(Date.now() - 120_000));
    expect((await codeStep("council_2fa=1.9999999999.forged", "123456")).location).toBe("/login");
    for (let i = 0; i < 5; i++) await verifySecondFactor(db, m.id, "000000").catch(() => undefined);
    expect(await verifySecondFactor(db, m.id, totpCodeAt(secret, totpStep(new Date()))).catch((e) => e)).toBeInstanceOf(TooManyRequests);
  });
});

describe("a founder resets another member's two-factor", () => {
  it("clears it, emails the member and audits the reason; no one resets their own", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const m = await makeMember(db);
    await enrol(m);
    await resetTwoFactor(db, founder, m.id, "Lost phone; confirmed by a call.");
    expect(await secretOf(m.id)).toEqual({ totp_pending_secret: null, totp_secret: null });
    expect(await db.selectFrom("recovery_codes").selectAll().where("person_id", "=", m.id).execute()).toEqual([]);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "two_factor.reset").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: founder.id, subject_id: m.id, reason: "Lost phone; confirmed by a call." });
    expect(await db.selectFrom("outbox").select("to_address").where("kind", "=", "two_factor_reset").execute()).toEqual([{ to_address: m.email }]);

    const { actor: enrolledFounder } = await enrol(founder);
    expect(await resetTwoFactor(db, enrolledFounder, founder.id, "Resetting myself").catch((e) => e)).toBeInstanceOf(Forbidden);
    expect(await resetTwoFactor(db, m, founder.id, "Not a founder").catch((e) => e)).toBeInstanceOf(Forbidden);
  });
});
