// The forum's loaders and actions, called as Remix calls them: a Request with a real session cookie,
// against a real SQLite database (the app's connection is pointed at the test database).
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { createSession } from "../../app/accounts/session.server";
import type { Actor } from "../../app/accounts/permissions";
import * as frameworkEdit from "../../app/routes/framework.edit";
import * as notifications from "../../app/routes/notifications";
import * as postPermalink from "../../app/routes/posts.$id._index";
import * as postEdit from "../../app/routes/posts.$id.edit";
import * as postHistory from "../../app/routes/posts.$id.history";
import * as threadPage from "../../app/routes/threads.$id";
import * as threadList from "../../app/routes/threads._index";
import * as newThread from "../../app/routes/threads.new";
import { createTestDb } from "../helpers/db";
import { callRoute } from "../helpers/routes";
import { makeChapter, makeMember, makeThread } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  (globalThis as unknown as { councilDb?: Db }).councilDb = db;
});

const BASE = "http://localhost";

async function cookieFor(actor: Actor | null): Promise<Record<string, string>> {
  if (!actor) return {};
  const { token } = await createSession(db, actor.id, 30);
  return { Cookie: `council_session=${token}` };
}
async function get(path: string, actor: Actor | null) {
  return new Request(BASE + path, { headers: await cookieFor(actor) });
}
async function post(path: string, actor: Actor | null, fields: Record<string, string>) {
  return new Request(BASE + path, { method: "POST", headers: await cookieFor(actor), body: new URLSearchParams(fields) });
}

const call = callRoute;

describe("every forum page refuses anonymous visitors and revoked members", () => {
  it.each([
    ["/threads/new", newThread.loader, {}],
    ["/threads/1", threadPage.loader, { id: "1" }],
    ["/threads?area=customer", threadList.loader, {}],
    ["/posts/1", postPermalink.loader, { id: "1" }],
    ["/posts/1/edit", postEdit.loader, { id: "1" }],
    ["/posts/1/history", postHistory.loader, { id: "1" }],
    ["/notifications", notifications.loader, {}],
    ["/framework/edit", frameworkEdit.loader, {}],
  ] as const)("GET %s", async (path, loader, params) => {
    const revoked = await makeMember(db, { status: "revoked" });
    for (const who of [null, revoked]) {
      const r = await call(loader as never, await get(path, who), params);
      expect(r.status).toBe(302);
      expect(r.location).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it.each([
    ["/threads/new", newThread.action, {}, { title: "T", body: "B", lifecycleArea: "customer", discipline: "strategy" }],
    ["/threads/1", threadPage.action, { id: "1" }, { body: "A reply" }],
    ["/threads?area=customer", threadList.action, {}, { intent: "follow", lifecycleArea: "customer" }],
    ["/posts/1/edit", postEdit.action, { id: "1" }, { body: "Changed" }],
    ["/notifications", notifications.action, {}, {}],
    ["/framework/edit", frameworkEdit.action, {}, { "stage.scaling.name": "Growing" }],
  ] as const)("POST %s", async (path, action, params, fields) => {
    const author = await makeMember(db);
    await makeThread(db, author);
    const revoked = await makeMember(db, { status: "revoked" });
    for (const who of [null, revoked]) {
      const r = await call(action as never, await post(path, who, fields), params);
      expect(r.status).toBe(302);
      expect(r.location).toMatch(/^\/login\?redirectTo=/);
    }
    expect(await db.selectFrom("posts").selectAll().execute()).toHaveLength(1);
    expect(await db.selectFrom("threads").selectAll().execute()).toHaveLength(1);
    expect(await db.selectFrom("follows").selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom("maturity_stages").select("name").where("key", "=", "scaling").executeTakeFirst()).toEqual({ name: "Scaling" });
  });
});

describe("threads and posts through their routes", () => {
  it("starts a thread, then replies; a reply lands on its page with the draft cleared", async () => {
    const member = await makeMember(db);
    const created = await call(newThread.action as never, await post("/threads/new", member, {
      intent: "post", title: "Care desk staffing", body: "How many **hubs**?", lifecycleArea: "customer", discipline: "execution", maturityStage: "",
    }));
    expect(created.status).toBe(302);
    const threadId = Number(/\/threads\/(\d+)/.exec(created.location!)![1]);
    expect(created.location).toBe(`/threads/${threadId}?page=1&posted=thread`);
    const replied = await call(threadPage.action as never, await post(`/threads/${threadId}`, member, { intent: "post", body: "Three." }), { id: String(threadId) });
    expect(replied).toMatchObject({ status: 302, location: `/threads/${threadId}?page=1&posted=reply#post-2` });
  });

  it("a failed or previewed post comes back with the text, and nothing is saved", async () => {
    const member = await makeMember(db);
    const invalid = await call(newThread.action as never, await post("/threads/new", member, { intent: "post", title: "", body: "Keep **me**", lifecycleArea: "customer", discipline: "strategy" }));
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ ok: false, values: { body: "Keep **me**" }, fieldErrors: { title: expect.any(String) } });
    // The area and discipline selects left on "Choose…" send no value at all.
    const unchosen = await call(newThread.action as never, await post("/threads/new", member, { intent: "post", title: "T", body: "Keep **me**" }));
    expect(unchosen.status).toBe(400);
    expect(unchosen.body).toMatchObject({ ok: false, values: { title: "T", body: "Keep **me**" }, fieldErrors: { lifecycleArea: "Choose a lifecycle area.", discipline: "Choose a discipline." } });
    const tooLong = await call(newThread.action as never, await post("/threads/new", member, { intent: "post", title: "T", body: "x".repeat(20_001), lifecycleArea: "customer", discipline: "strategy" }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ ok: false, fieldErrors: { body: expect.stringContaining("20,000") } });
    const preview = await call(newThread.action as never, await post("/threads/new", member, { intent: "preview", title: "T", body: "Keep **me**", lifecycleArea: "customer", discipline: "strategy" }));
    expect(preview.body).toMatchObject({ ok: true, preview: "<p>Keep <strong>me</strong></p>", values: { body: "Keep **me**" } });
    expect(await db.selectFrom("threads").selectAll().execute()).toHaveLength(0);
  });

  it("chapter threads stay in the chapter: outsiders get a 404 on the page, the permalink and a reply", async () => {
    const chapter = await makeChapter(db);
    const insider = await makeMember(db, { chapterId: chapter.id });
    const outsider = await makeMember(db);
    const t = await makeThread(db, insider, { chapterId: chapter.id });
    const postId = (await db.selectFrom("posts").select("id").where("thread_id", "=", t.id).executeTakeFirstOrThrow()).id;
    expect((await call(threadPage.loader as never, await get(`/threads/${t.id}`, outsider), { id: String(t.id) })).status).toBe(404);
    expect((await call(postPermalink.loader as never, await get(`/posts/${postId}`, outsider), { id: String(postId) })).status).toBe(404);
    expect((await call(postHistory.loader as never, await get(`/posts/${postId}/history`, outsider), { id: String(postId) })).status).toBe(404);
    expect((await call(threadPage.action as never, await post(`/threads/${t.id}`, outsider, { intent: "post", body: "Hi" }), { id: String(t.id) })).status).toBe(404);
    expect((await call(threadPage.loader as never, await get(`/threads/${t.id}`, insider), { id: String(t.id) })).status).toBe(200);
    expect((await call(postPermalink.loader as never, await get(`/posts/${postId}`, insider), { id: String(postId) })).location).toBe(`/threads/${t.id}?page=1#post-1`);
  });

  it("only the author opens the edit page, saves an edit or deletes", async () => {
    const author = await makeMember(db);
    const other = await makeMember(db);
    const t = await makeThread(db, author, { body: "Original" });
    const postId = String((await db.selectFrom("posts").select("id").where("thread_id", "=", t.id).executeTakeFirstOrThrow()).id);
    expect((await call(postEdit.loader as never, await get(`/posts/${postId}/edit`, other), { id: postId })).status).toBe(403);
    expect((await call(postEdit.action as never, await post(`/posts/${postId}/edit`, other, { intent: "post", body: "Hijack" }), { id: postId })).status).toBe(403);
    expect((await call(postEdit.action as never, await post(`/posts/${postId}/edit`, other, { intent: "delete" }), { id: postId })).status).toBe(403);
    const saved = await call(postEdit.action as never, await post(`/posts/${postId}/edit`, author, { intent: "post", body: "Edited" }), { id: postId });
    expect(saved).toMatchObject({ status: 302, location: `/threads/${t.id}?page=1&posted=edit-${postId}#post-1` });
    const history = await call(postHistory.loader as never, await get(`/posts/${postId}/history`, other), { id: postId });
    expect((history.body as { versions: unknown[] }).versions).toHaveLength(2);
    const deleted = await call(postEdit.action as never, await post(`/posts/${postId}/edit`, author, { intent: "delete" }), { id: postId });
    expect(deleted.status).toBe(302);
    expect((await db.selectFrom("posts").select("status").executeTakeFirstOrThrow()).status).toBe("deleted");
  });

  it("only founders open and save the framework editor", async () => {
    const member = await makeMember(db);
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    expect((await call(frameworkEdit.loader as never, await get("/framework/edit", member))).status).toBe(403);
    expect((await call(frameworkEdit.action as never, await post("/framework/edit", member, { "stage.scaling.name": "Growing" }))).status).toBe(403);
    const saved = await call(frameworkEdit.action as never, await post("/framework/edit", founder, { "stage.scaling.name": "Growing", "stage.scaling.description": "" }));
    expect(saved).toMatchObject({ status: 302, location: "/framework/edit?saved=1" });
  });

  it("opening a partly read thread redirects to the first unread post", async () => {
    const author = await makeMember(db);
    const reader = await makeMember(db);
    const t = await makeThread(db, author, { replies: 31 });
    expect((await call(threadPage.loader as never, await get(`/threads/${t.id}`, reader), { id: String(t.id) })).status).toBe(200);
    const again = await call(threadPage.loader as never, await get(`/threads/${t.id}`, reader), { id: String(t.id) });
    expect(again).toMatchObject({ status: 302, location: `/threads/${t.id}?page=2#post-31` });
  });
});
