import { beforeEach, describe, expect, it } from "vitest";
import { createSession, sessionIdFromToken, validateSessionToken } from "../../app/accounts/session.server";
import { recordSessionClient } from "../../app/accounts/session.server";
import type { Db } from "../../app/platform/db.server";
import { action, loader } from "../../app/routes/settings.security";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
});

const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const asCookie = (token: string, form?: Record<string, string>) => new Request("http://localhost:3000/settings/security", {
  headers: { Cookie: `council_session=${token}` }, ...(form ? { method: "POST", body: new URLSearchParams(form) } : {}),
});

describe("/settings/security: where you are signed in", () => {
  it("lists each session with browser, truncated place and times; signs out one, then everywhere else", async () => {
    const m = await makeMember(db);
    const other = await makeMember(db);
    const laptop = await createSession(db, m.id, 30);
    await recordSessionClient(db, laptop.token, { userAgent: CHROME_MAC, ip: "203.0.113.77" });
    const phone = await createSession(db, m.id, 30);
    await recordSessionClient(db, phone.token, { userAgent: SAFARI_IPHONE, ip: "2001:db8:85a3:8d3::1" });
    const tablet = await createSession(db, m.id, 30);
    const theirs = await createSession(db, other.id, 30);

    const page = await callRoute(loader, asCookie(laptop.token));
    expect(page.body.sessions.map((s: { device: string; place: string; current: boolean }) => [s.device, s.place, s.current])).toEqual([
      ["Chrome 131 on macOS", "203.0.113.0/24", true], expect.anything(), expect.anything(),
    ]);
    expect(page.body.sessions.map((s: { device: string }) => s.device)).toContain("Safari 17 on iPhone");
    expect(JSON.stringify(page.body)).not.toContain("203.0.113.77");

    const one = await callRoute(action, asCookie(laptop.token, { intent: "end_session", sessionId: sessionIdFromToken(phone.token) }));
    expect(one.body).toMatchObject({ ok: true, ended: 1 });
    expect(await validateSessionToken(db, phone.token, 30)).toBeNull();
    // Someone else's session cannot be ended from here.
    const foreign = await callRoute(action, asCookie(laptop.token, { intent: "end_session", sessionId: sessionIdFromToken(theirs.token) }));
    expect(foreign.status).toBe(404);

    const rest = await callRoute(action, asCookie(laptop.token, { intent: "end_others" }));
    expect(rest.body).toMatchObject({ ok: true, ended: 1 });
    expect(await validateSessionToken(db, tablet.token, 30)).toBeNull();
    expect(await validateSessionToken(db, laptop.token, 30)).not.toBeNull();
    expect(await validateSessionToken(db, theirs.token, 30)).not.toBeNull();
    expect(await db.selectFrom("audit_log").select("action").where("action", "=", "session.ended").execute()).toHaveLength(2);
  });
});
