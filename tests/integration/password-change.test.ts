import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword, signIn } from "../../app/accounts/auth.server";
import { changePassword } from "../../app/accounts/password-change.server";
import { createSession, sessionIdFromToken, validateSessionToken } from "../../app/accounts/session.server";
import type { Db } from "../../app/platform/db.server";
import { Invalid, TooManyRequests } from "../../app/platform/errors";
import { action } from "../../app/routes/settings.account";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
});

const OLD = "the old password 1";
const NEW = "quiet-harbor-lantern-1987";

describe("changing the password at /settings/account", () => {
  it("needs the current password; ends every other session but keeps this one; audited and emailed", async () => {
    const m = await makeMember(db, { passwordHash: await hashPassword(OLD) });
    const here = await createSession(db, m.id, 30);
    const phone = await createSession(db, m.id, 30);
    const form = (currentPassword: string) => new Request("http://localhost:3000/settings/account", {
      method: "POST", headers: { Cookie: `council_session=${here.token}` }, body: new URLSearchParams({ currentPassword, password: NEW, passwordConfirm: NEW }),
    });
    const wrong = await callRoute(action, form("not my password"));
    expect(wrong.status).toBe(400);
    expect(wrong.body.fieldErrors).toEqual({ currentPassword: "That is not your current password." });
    expect(JSON.stringify(wrong.body)).not.toContain(NEW);

    const ok = await callRoute(action, form(OLD));
    expect(ok.body).toEqual({ ok: true, otherSessionsEnded: 1 });
    expect(await validateSessionToken(db, here.token, 30)).not.toBeNull();
    expect(await validateSessionToken(db, phone.token, 30)).toBeNull();
    expect(await signIn(db, { email: m.email, password: NEW, ip: "1.1.1.1" })).toBe(m.id);
    expect(await db.selectFrom("audit_log").select("action").where("action", "=", "password.changed").execute()).toHaveLength(1);
    expect(await db.selectFrom("outbox").select("kind").where("kind", "=", "password_changed").execute()).toHaveLength(1);
  });

  it("refuses a weak or identical new password with the reason beside the field", async () => {
    const m = await makeMember(db, { passwordHash: await hashPassword(NEW) });
    const keep = sessionIdFromToken((await createSession(db, m.id, 30)).token);
    const weak = await changePassword(db, m, { currentPassword: NEW, password: "password1234", passwordConfirm: "password1234" }, keep).catch((e) => e);
    expect(weak.fieldErrors.password).toMatch(/too easy to guess/);
    const same = await changePassword(db, m, { currentPassword: NEW, password: NEW, passwordConfirm: NEW }, keep).catch((e) => e);
    expect(same).toBeInstanceOf(Invalid);
    expect(same.fieldErrors.password).toMatch(/different from your current one/);
  });

  it("allows 5 wrong current passwords in 15 minutes", async () => {
    const m = await makeMember(db, { passwordHash: await hashPassword(OLD) });
    for (let i = 0; i < 5; i++) await changePassword(db, m, { currentPassword: "wrong", password: NEW, passwordConfirm: NEW }, "x").catch(() => undefined);
    expect(await changePassword(db, m, { currentPassword: OLD, password: NEW, passwordConfirm: NEW }, "x").catch((e) => e)).toBeInstanceOf(TooManyRequests);
  });
});
