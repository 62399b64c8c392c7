// The moderation pages' loaders and actions: who may reach them, bad input kept with its message,
// confirmation before destructive decisions, and the flag form on a post.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import type { Actor } from "../../app/accounts/permissions";
import * as adminMember from "../../app/routes/admin.members.$id";
import * as flagRoute from "../../app/routes/posts.$id.flag";
import * as queue from "../../app/routes/moderation._index";
import * as log from "../../app/routes/moderation.log";
import * as settings from "../../app/routes/moderation.settings";
import { createTestDb } from "../helpers/db";
import { callRoute, request, useTestDbForRoutes } from "../helpers/routes";
import { makeMember, makeThread } from "../factories";

let db: Db;
let member: Actor;
let moderator: Actor;
let founder: Actor;
let heldPostId: number;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
  member = await makeMember(db);
  moderator = await makeMember(db, { roles: ["member", "moderator"] });
  founder = await makeMember(db, { roles: ["member", "founder"] });
  const t = await makeThread(db, member, { status: "held" });
  heldPostId = (await db.selectFrom("posts").select("id").where("thread_id", "=", t.id).executeTakeFirstOrThrow()).id;
});
const req = (path: string, actor: Actor | null, form?: Record<string, string>) => request(db, path, actor, form);

describe("who reaches the moderation pages", () => {
  it.each([
    ["anonymous: queue", queue.loader, "/moderation", null, 302],
    ["member: queue", queue.loader, "/moderation", "member", 403],
    ["moderator: queue", queue.loader, "/moderation", "moderator", 200],
    ["member: settings", settings.loader, "/moderation/settings", "member", 403],
    ["moderator: settings", settings.loader, "/moderation/settings", "moderator", 403],
    ["founder: settings", settings.loader, "/moderation/settings", "founder", 200],
    ["anonymous: log", log.loader, "/moderation/log", null, 302],
    ["member: log", log.loader, "/moderation/log", "member", 200],
  ] as const)("%s → %i", async (_label, fn, path, who, status) => {
    const actor = who === null ? null : { member, moderator, founder }[who];
    expect((await callRoute(fn, await req(path, actor))).status).toBe(status);
  });

  it("refuses a member's queue decision and leaves the post held", async () => {
    const r = await callRoute(queue.action, await req("/moderation", await makeMember(db), { intent: "publish", postId: String(heldPostId) }));
    expect(r.status).toBe(403);
    expect((await db.selectFrom("posts").select("status").where("id", "=", heldPostId).executeTakeFirstOrThrow()).status).toBe("held");
  });

  it("refuses a moderator's decision on their own post", async () => {
    const t = await makeThread(db, moderator, { status: "held" });
    const own = (await db.selectFrom("posts").select("id").where("thread_id", "=", t.id).executeTakeFirstOrThrow()).id;
    expect((await callRoute(queue.action, await req("/moderation", moderator, { intent: "publish", postId: String(own) }))).status).toBe(403);
  });

  it("refuses a moderator's settings change", async () => {
    const r = await callRoute(settings.action, await req("/moderation/settings", moderator, { pitchThreshold: "2", flagCompanyThreshold: "3" }));
    expect(r.status).toBe(403);
  });
});

describe("queue decisions", () => {
  it("asks for confirmation before rejecting, keeps a too-short reason with its message, then rejects", async () => {
    const short = await callRoute(queue.action, await req("/moderation", moderator, { intent: "reject", postId: String(heldPostId), reason: "no" }));
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ fieldErrors: { reason: expect.stringMatching(/at least 10/) }, values: { reason: "no" } });
    const reason = "This reads as an offer of paid services.";
    const first = await callRoute(queue.action, await req("/moderation", moderator, { intent: "reject", postId: String(heldPostId), reason }));
    expect(first.body).toMatchObject({ ok: true, confirm: { intent: "reject", reason } });
    expect((await db.selectFrom("posts").select("status").where("id", "=", heldPostId).executeTakeFirstOrThrow()).status).toBe("held");
    const second = await callRoute(queue.action, await req("/moderation", moderator, { intent: "reject", postId: String(heldPostId), reason, confirm: "yes" }));
    expect(second.body).toMatchObject({ ok: true, message: expect.stringMatching(/Rejected/) });
    expect((await db.selectFrom("posts").selectAll().where("id", "=", heldPostId).executeTakeFirstOrThrow())).toMatchObject({ status: "rejected", rejection_reason: reason });
  });

  it("publishes in one step", async () => {
    const r = await callRoute(queue.action, await req("/moderation", moderator, { intent: "publish", postId: String(heldPostId) }));
    expect(r.body).toMatchObject({ ok: true, message: expect.stringMatching(/Published/) });
  });
});

describe("settings and log forms", () => {
  it("keeps bad settings with their messages, then saves good ones", async () => {
    const bad = await callRoute(settings.action, await req("/moderation/settings", founder, { pitchThreshold: "abc", flagCompanyThreshold: "0" }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ values: { pitchThreshold: "abc", flagCompanyThreshold: "0" }, fieldErrors: { pitchThreshold: expect.any(String), flagCompanyThreshold: expect.any(String) } });
    const good = await callRoute(settings.action, await req("/moderation/settings", founder, { pitchThreshold: "1.5", flagCompanyThreshold: "4" }));
    expect(good).toMatchObject({ status: 302, location: "/moderation/settings?saved=2" });
  });

  it("shows a message for a bad log filter and the unfiltered log", async () => {
    const r = await callRoute(log.loader, await req("/moderation/log?action=nope&from=2026-13", member));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ fieldErrors: { action: expect.any(String) }, page: 1 });
  });
});

describe("the flag form", () => {
  it("keeps the choice and asks for a note for Other, then flags and redirects back to the post", async () => {
    const t = await makeThread(db, founder);
    const postId = String((await db.selectFrom("posts").select("id").where("thread_id", "=", t.id).executeTakeFirstOrThrow()).id);
    const bad = await callRoute(flagRoute.action, await req(`/posts/${postId}/flag`, member, { intent: "flag", reason: "other", note: "" }), { id: postId });
    expect(bad).toMatchObject({ status: 400, body: { values: { reason: "other" }, fieldErrors: { note: expect.stringMatching(/required/) } } });
    const ok = await callRoute(flagRoute.action, await req(`/posts/${postId}/flag`, member, { intent: "flag", reason: "sales_pitch" }), { id: postId });
    expect(ok.status).toBe(302);
    expect(ok.location).toMatch(new RegExp(`/threads/${t.id}.*flag=sent`));
    const own = await callRoute(flagRoute.action, await req(`/posts/${postId}/flag`, founder, { intent: "flag", reason: "sales_pitch" }), { id: postId });
    expect(own.status).toBe(403);
  });
});

describe("lifting a suspension on the member's staff page", () => {
  it("founders only, after a confirmation, with the reason kept when too short", async () => {
    const suspended = await makeMember(db, { status: "suspended" });
    const params = { id: String(suspended.id) };
    const path = `/admin/members/${suspended.id}`;
    const page = await callRoute(adminMember.loader, await req(path, founder), params);
    expect(page.body).toMatchObject({ canLiftSuspension: true, canRevoke: false });
    expect((await callRoute(adminMember.loader, await req(path, moderator), params)).body).toMatchObject({ canLiftSuspension: false });
    const refused = await callRoute(adminMember.action, await req(path, moderator, { intent: "lift-confirm", reason: "Reviewed with the member." }), params);
    expect(refused.status).toBe(403);
    const short = await callRoute(adminMember.action, await req(path, founder, { intent: "lift-review", reason: "ok" }), params);
    expect(short).toMatchObject({ status: 400, body: { values: { reason: "ok" }, fieldErrors: { reason: expect.any(String) } } });
    const review = await callRoute(adminMember.action, await req(path, founder, { intent: "lift-review", reason: "Reviewed with the member." }), params);
    expect(review.body).toMatchObject({ ok: true, confirmLift: { reason: "Reviewed with the member." } });
    expect((await db.selectFrom("people").select("status").where("id", "=", suspended.id).executeTakeFirstOrThrow()).status).toBe("suspended");
    const done = await callRoute(adminMember.action, await req(path, founder, { intent: "lift-confirm", reason: "Reviewed with the member." }), params);
    expect(done).toMatchObject({ status: 302, location: `${path}?lifted=1` });
    expect((await db.selectFrom("people").select("status").where("id", "=", suspended.id).executeTakeFirstOrThrow()).status).toBe("active");
  });
});
