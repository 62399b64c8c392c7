// The digest's pages against a real database: /settings/email (signed-in members only) and the
// public /unsubscribe/<token> page, whose GET only asks and whose POST (a button, or a mail client's
// RFC 8058 one-click POST with no session) unsubscribes exactly the token's person.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { getEmailPreferences, unsubscribeToken } from "../../app/governance/digest.server";
import type { Actor } from "../../app/accounts/permissions";
import { action as settingsAction, loader as settingsLoader } from "../../app/routes/settings.email";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../app/routes/unsubscribe.$token";
import { getNotificationPreferences, notificationUnsubscribeUrl } from "../../app/forum/email-notifications.server";
import { DEFAULT_CHOICES } from "../../app/forum/notification-rules";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";
import { routeArgs, run, signedInRequest } from "../helpers/routes";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  (globalThis as { councilDb?: Db }).councilDb = db;
});

const signedIn = (actor: Actor, path: string, form?: Record<string, string>) => signedInRequest(db, actor, path, form);
const args = routeArgs;

describe("/settings/email", () => {
  it("sends anonymous visitors to sign in", async () => {
    const out = await run(() => settingsLoader(args(new Request("http://localhost/settings/email"))));
    expect(out.status).toBe(302);
    expect(out.location).toMatch(/^\/login/);
  });

  it("shows the member's choice, refuses an unknown one with a message, and saves monthly or never", async () => {
    const member = await makeMember(db);
    expect((await run(async () => settingsLoader(args(await signedIn(member, "/settings/email"))))).body).toMatchObject({ digestFrequency: "weekly" });
    const bad = await run(async () => settingsAction(args(await signedIn(member, "/settings/email", { digestFrequency: "daily" }))));
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.digestFrequency).toMatch(/weekly, monthly or never/);
    expect((await getEmailPreferences(db, member.id)).digestFrequency).toBe("weekly");
    for (const choice of ["monthly", "never"] as const) {
      const ok = await run(async () => settingsAction(args(await signedIn(member, "/settings/email", { digestFrequency: choice }))));
      expect(ok).toMatchObject({ status: 200, body: { ok: true, saved: choice } });
      expect((await getEmailPreferences(db, member.id)).digestFrequency).toBe(choice);
    }
  });
});

describe("/unsubscribe/<token>", () => {
  it("GET only asks: it names the masked address and changes nothing", async () => {
    const member = await makeMember(db, { email: "zoe@example.com" });
    const token = unsubscribeToken(member.id);
    const out = await run(() => unsubscribeLoader(args(new Request(`http://localhost/unsubscribe/${token}`), { token })));
    expect(out.body).toEqual({ email: "z••@example.com", list: "the council digest", alreadyUnsubscribed: false });
    expect((await getEmailPreferences(db, member.id)).digestFrequency).toBe("weekly");
  });

  it("a mail client's one-click POST, with no session and no Origin, unsubscribes the token's person only", async () => {
    const member = await makeMember(db);
    const other = await makeMember(db);
    const token = unsubscribeToken(member.id);
    const oneClick = new Request(`http://localhost/unsubscribe/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    const out = await run(() => unsubscribeAction(args(oneClick, { token })));
    expect(out.status).toBe(200);
    expect(out.body).toHaveProperty("unsubscribed");
    expect((await getEmailPreferences(db, member.id)).digestFrequency).toBe("never");
    expect((await getEmailPreferences(db, other.id)).digestFrequency).toBe("weekly");
  });

  it("a token altered to name someone else is refused with 400 and nobody is unsubscribed", async () => {
    const a = await makeMember(db);
    const b = await makeMember(db);
    const forged = `${b.id}.${unsubscribeToken(a.id).split(".")[1]}`;
    const get = await run(() => unsubscribeLoader(args(new Request(`http://localhost/unsubscribe/${forged}`), { token: forged })));
    expect(get.status).toBe(400);
    const post = await run(() => unsubscribeAction(args(new Request(`http://localhost/unsubscribe/${forged}`, { method: "POST", body: "List-Unsubscribe=One-Click" }), { token: forged })));
    expect(post.status).toBe(400);
    expect((await getEmailPreferences(db, a.id)).digestFrequency).toBe("weekly");
    expect((await getEmailPreferences(db, b.id)).digestFrequency).toBe("weekly");
  });
});

describe("/settings/email: notification emails", () => {
  const form = { intent: "notifications", messages: "immediate", replies: "digest", mentions: "never", moderation: "immediate", votes: "digest", quietStart: "22:00", quietEnd: "07:30", timeZone: "Europe/Paris" };

  it("shows the defaults, saves every choice with quiet hours in the member's time zone, and audits it", async () => {
    const member = await makeMember(db);
    const page = await run(async () => settingsLoader(args(await signedIn(member, "/settings/email"))));
    expect(page.body.notifications).toEqual({ choices: DEFAULT_CHOICES, quietStart: null, quietEnd: null, timeZone: "UTC" });
    expect(page.body.timeZones).toContain("Europe/Paris");
    const ok = await run(async () => settingsAction(args(await signedIn(member, "/settings/email", form))));
    expect(ok).toMatchObject({ status: 200, body: { ok: true, notificationsSaved: true } });
    expect(await getNotificationPreferences(db, member.id)).toEqual({
      choices: { messages: "immediate", replies: "digest", mentions: "never", moderation: "immediate", votes: "digest" }, quietStart: "22:00", quietEnd: "07:30", timeZone: "Europe/Paris",
    });
    expect(await db.selectFrom("audit_log").select("action").where("action", "=", "notification_preferences.changed").execute()).toHaveLength(1);
    expect((await getEmailPreferences(db, member.id)).digestFrequency).toBe("weekly"); // the digest form is separate
  });

  it.each([
    ["an unknown choice", { replies: "hourly" }, "replies", /right away, in the digest, or never/],
    ["a malformed time", { quietStart: "25:00" }, "quietStart", /such as 22:00/],
    ["half a window", { quietEnd: "" }, "quietEnd", /both the start and the end/],
    ["an unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone", /time zone/],
  ])("refuses %s with 400, a message beside the field and the values kept", async (_, change, field, message) => {
    const member = await makeMember(db);
    const bad = await run(async () => settingsAction(args(await signedIn(member, "/settings/email", { ...form, ...change }))));
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors[field]).toMatch(message);
    expect(bad.body.values).toMatchObject(change);
    expect((await getNotificationPreferences(db, member.id)).choices).toEqual(DEFAULT_CHOICES);
  });

  it("a notification email's one-click unsubscribe turns off that kind only, for that person only", async () => {
    const member = await makeMember(db, { email: "zoe@example.com" });
    const other = await makeMember(db);
    const token = notificationUnsubscribeUrl(member.id, "mentions").split("/unsubscribe/")[1]!;
    const get = await run(() => unsubscribeLoader(args(new Request(`http://localhost/unsubscribe/${token}`), { token })));
    expect(get.body).toEqual({ email: "z••@example.com", list: "emails about @mentions of you", alreadyUnsubscribed: false });
    const oneClick = new Request(`http://localhost/unsubscribe/${token}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect((await run(() => unsubscribeAction(args(oneClick, { token })))).status).toBe(200);
    expect((await getNotificationPreferences(db, member.id)).choices).toEqual({ ...DEFAULT_CHOICES, mentions: "never" });
    expect((await getNotificationPreferences(db, other.id)).choices).toEqual(DEFAULT_CHOICES);
    expect((await getEmailPreferences(db, member.id)).digestFrequency).toBe("weekly");
  });
});
