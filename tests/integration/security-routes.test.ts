// Regression tests for the findings of the security probe (issue 13), against the route handlers and
// a real database. The HTTP server's own defences (body limit, headers, CSRF) are tested against the
// running server in tests/e2e/security.spec.ts.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { hashPassword } from "../../app/accounts/auth.server";
import * as login from "../../app/routes/login";
import * as adminMember from "../../app/routes/admin.members.$id";
import * as apply from "../../app/routes/apply._index";
import * as logout from "../../app/routes/logout";
import * as threadsNew from "../../app/routes/threads.new";
import type { Actor } from "../../app/accounts/permissions";
import { createSession, validateSessionToken } from "../../app/accounts/session.server";
import { Conflict } from "../../app/platform/errors";
import { revokeMembership } from "../../app/membership/revocation.server";
import { createTestDb } from "../helpers/db";
import { call, callRoute, payload, request, useTestDbForRoutes } from "../helpers/routes";
import { makeMember } from "../factories";

let db: Db;
let passwordHash: string;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
  passwordHash ??= await hashPassword("correct horse battery");
});

describe("finding 2: no open redirect after sign-in", () => {
  const attempts = ["/%09/evil.example/phish", "//evil.example", "/%5Cevil.example", "https://evil.example", "/%0A/evil.example", "/%0D%0A/evil.example"];

  it.each(attempts)("a signed-in visitor sent to /login?redirectTo=%s stays on the site", async (target) => {
    const member = await makeMember(db);
    const out = await callRoute(login.loader, await request(db, `/login?redirectTo=${target}`, member));
    expect(out.status).toBe(302);
    expect(out.location).toBe("/");
  });

  it.each(attempts)("signing in with redirectTo=%s lands on the home page", async (target) => {
    await makeMember(db, { email: "a@b.example", passwordHash });
    const out = await callRoute(login.action, await request(db, "/login", null, {
      email: "a@b.example", password: "correct horse battery", redirectTo: decodeURIComponent(target),
    }));
    expect(out.status).toBe(302);
    expect(out.location).toBe("/");
  });

  it("a path on the site is kept", async () => {
    await makeMember(db, { email: "a@b.example", passwordHash });
    const out = await callRoute(login.action, await request(db, "/login", null, {
      email: "a@b.example", password: "correct horse battery", redirectTo: "/threads/3?page=2",
    }));
    expect(out.location).toBe("/threads/3?page=2");
  });
});

describe("finding 3: who may revoke whom", () => {
  const revoke = async (actor: Actor, target: Actor) => {
    const path = `/admin/members/${target.id}`;
    return callRoute(adminMember.action, await request(db, path, actor, { intent: "confirm", rule: "conduct", reason: "Repeated breaches of the council's rules." }), { id: String(target.id) });
  };
  const statusOf = async (person: Actor) => (await db.selectFrom("people").select("status").where("id", "=", person.id).executeTakeFirstOrThrow()).status;

  it("a moderator cannot revoke a founder, another moderator or a chapter president; nothing changes and their sessions live on", async () => {
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    await makeMember(db, { roles: ["member", "founder"] });
    const otherModerator = await makeMember(db, { roles: ["member", "moderator"] });
    const president = await makeMember(db, { roles: ["member", "chapter_president"] });
    for (const target of [founder, otherModerator, president]) {
      const { token } = await createSession(db, target.id, 30);
      const out = await revoke(moderator, target);
      expect(out.status).toBe(403);
      expect(await statusOf(target)).toBe("active");
      expect(await validateSessionToken(db, token, 30)).not.toBeNull();
      const page = await callRoute(adminMember.loader, await request(db, `/admin/members/${target.id}`, moderator), { id: String(target.id) });
      expect(page.body).toMatchObject({ canRevoke: false, revokeRefusal: expect.stringMatching(/founder/) });
    }
    expect(await db.selectFrom("audit_log").selectAll().where("action", "=", "membership.revoked").execute()).toHaveLength(0);
  });

  it("a moderator revokes a member", async () => {
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const member = await makeMember(db);
    expect((await revoke(moderator, member)).status).toBe(302);
    expect(await statusOf(member)).toBe("revoked");
  });

  it("a founder revokes a moderator, a chapter president and another founder", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const otherFounder = await makeMember(db, { roles: ["member", "founder"] });
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const president = await makeMember(db, { roles: ["member", "chapter_president"] });
    for (const target of [moderator, president, otherFounder]) {
      expect((await revoke(founder, target)).status).toBe(302);
      expect(await statusOf(target)).toBe("revoked");
    }
    const audits = await db.selectFrom("audit_log").select(["actor_id", "subject_id"]).where("action", "=", "membership.revoked").execute();
    expect(audits).toEqual([moderator, president, otherFounder].map((t) => ({ actor_id: founder.id, subject_id: t.id })));
  });

  it("the last active founder is never revoked, not even from the shell", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    await makeMember(db, { roles: ["member", "founder"], status: "revoked" });
    await expect(revokeMembership(db, null, { memberId: founder.id, rule: "conduct", reason: "Repeated breaches of the rules." })).rejects.toBeInstanceOf(Conflict);
    expect(await statusOf(founder)).toBe("active");
  });
});

describe("finding 4: malformed input is a 400 or the normal page, never a 500", () => {
  it.each(["%0a", "%0d", "%00", "%0d%0aSet-Cookie:%20x=1", "%C3%A9t%C3%A9", "%E2%80%AE", "/%ZZ"])("redirectTo=%s gives a valid redirect", async (target) => {
    const member = await makeMember(db);
    const out = await callRoute(login.loader, await request(db, `/login?redirectTo=${target}`, member));
    expect(out.status).toBe(302);
    expect(out.location).toMatch(/^\/[\x21-\x7e]*$/);
    await makeMember(db, { email: `x${member.id}@b.example`, passwordHash });
    const signedIn = await callRoute(login.action, await request(db, "/login", null, {
      email: `x${member.id}@b.example`, password: "correct horse battery", redirectTo: decodeURIComponentSafe(target),
    }));
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toMatch(/^\/[\x21-\x7e]*$/);
  });

  const bodies: [string, Record<string, string>, string | undefined][] = [
    ["JSON", { "Content-Type": "application/json" }, JSON.stringify({ email: "a@b.example", password: "x" })],
    ["plain text", { "Content-Type": "text/plain" }, "email=a@b.example"],
    ["broken multipart", { "Content-Type": "multipart/form-data; boundary=xyz" }, "--xyz\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nunterminated"],
    ["multipart without a boundary", { "Content-Type": "multipart/form-data" }, "email=a"],
    ["no content type", {}, "email=a@b.example"],
    ["no body", {}, undefined],
  ];
  const post = (path: string, headers: Record<string, string>, body: string | undefined, cookie?: string) =>
    new Request(`http://localhost:3000${path}`, { method: "POST", headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) }, body });

  it.each(bodies)("a %s POST to /login or /apply is a 400 with a plain message", async (_label, headers, body) => {
    for (const [route, path] of [[login, "/login"], [apply, "/apply"]] as const) {
      const out = await callRoute(route.action, post(path, headers, body));
      expect(out.status).toBe(400);
      expect(out.body).toMatchObject({ message: expect.stringMatching(/could not read that form/) });
    }
  });

  it.each(bodies)("a %s POST from a signed-in member is a 400 too", async (_label, headers, body) => {
    const member = await makeMember(db);
    const { token } = await createSession(db, member.id, 30);
    const out = await callRoute(threadsNew.action, post("/threads/new", headers, body, `council_session=${token}`));
    expect(out.status).toBe(400);
  });

  it.each(bodies)("a %s POST to /logout still signs out", async (_label, headers, body) => {
    const member = await makeMember(db);
    const { token } = await createSession(db, member.id, 30);
    const { status, value } = await call(logout.action, post("/logout", headers, body, `council_session=${token}`));
    expect(status).toBe(302);
    expect((value as Response).headers.get("Set-Cookie")).toMatch(/council_session=;.*Max-Age=0/);
    expect(await validateSessionToken(db, token, 30)).toBeNull();
  });

  it("a bare POST to /logout by someone not signed in is a redirect home", async () => {
    const { status } = await call(logout.action, post("/logout", {}, undefined));
    expect(status).toBe(302);
  });

  it("an ordinary form still reaches the action", async () => {
    const out = await callRoute(login.action, await request(db, "/login", null, { email: "", password: "" }));
    expect(out.status).toBe(400);
    expect(payload<{ fieldErrors: Record<string, string> }>(out.body).fieldErrors.email).toBeTruthy();
  });
});

function decodeURIComponentSafe(value: string) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

describe("finding 5: an applicant's profile URL is http(s) only", () => {
  it("javascript: is refused with the typed values kept, and nothing is stored", async () => {
    const out = await callRoute(apply.action, await request(db, "/apply", null, {
      name: "Priya Raman", email: "priya@contoso.example", title: "VP Social", company: "Contoso", roleLevel: "vp",
      socialResponsibility: "yes", socialResponsibilityNote: "I own our social strategy.", memberType: "executive",
      profileUrl: "javascript:alert(document.cookie)",
    }));
    expect(out.status).toBe(400);
    expect(out.body).toMatchObject({ fieldErrors: { profileUrl: expect.stringMatching(/https:/) }, values: { name: "Priya Raman" } });
    expect(await db.selectFrom("applications").selectAll().execute()).toHaveLength(0);
  });
});

describe("finding 7: sign-in throttling cannot lock the owner out of their own browser", () => {
  it("signing in remembers the browser; at the per-account ceiling only that browser gets in", async () => {
    await makeMember(db, { email: "founder@b.example", passwordHash, roles: ["member", "founder"] });
    const form = { email: "founder@b.example", password: "correct horse battery" };
    const first = await call(login.action, await request(db, "/login", null, form));
    const cookies = (first.value as Response).headers.getSetCookie();
    const browser = cookies.find((c) => c.startsWith("council_browser="))!.split(";")[0]!;
    expect(cookies.some((c) => c.startsWith("council_session="))).toBe(true);
    expect(cookies.find((c) => c.startsWith("council_browser="))).toMatch(/HttpOnly; SameSite=Lax; Max-Age=/);

    for (let i = 0; i < 50; i++) {
      await db.insertInto("sign_in_failures").values({ email_normalized: "founder@b.example", ip: `203.0.113.${i}`, at: new Date().toISOString() }).execute();
    }
    const stranger = await callRoute(login.action, await request(db, "/login", null, form));
    expect(stranger.status).toBe(429);
    const own = await request(db, "/login", null, form);
    own.headers.set("Cookie", browser);
    expect((await callRoute(login.action, own)).status).toBe(302);
    const forged = await request(db, "/login", null, form);
    forged.headers.set("Cookie", browser.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
    expect((await callRoute(login.action, forged)).status).toBe(429);
  });
});
