// The chapters routes' loaders and actions against a real database: who may post what, and how
// failures come back (field errors with the typed values, or a status for the error boundary).
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import type { Actor } from "../../app/accounts/permissions";
import { action as chapterAction, loader as chapterLoader } from "../../app/routes/chapters.$slug";
import { action as newGatheringAction } from "../../app/routes/chapters.$slug_.gatherings.new";
import { action as newChapterAction } from "../../app/routes/chapters.new";
import { makeChapter, makeMember, makeThread } from "../factories";
import { createTestDb } from "../helpers/db";
import { routeArgs, run, signedInRequest } from "../helpers/routes";

let db: Db;
let ny: { id: number };
beforeEach(async () => {
  db = await createTestDb();
  (globalThis as { councilDb?: Db }).councilDb = db; // what getDb() returns in the routes
  ny = await makeChapter(db, "New York");
});


const request = (actor: Actor, path: string, form?: Record<string, string>) => signedInRequest(db, actor, path, form);
const args = routeArgs;

describe("/chapters/new", () => {
  it("is for founders: a member gets 403", async () => {
    const member = await makeMember(db);
    const out = await run(async () => newChapterAction(args(await request(member, "/chapters/new", { name: "London", slug: "", description: "" }))));
    expect(out.status).toBe(403);
  });

  it("keeps what the founder typed beside a field error, and redirects to the new chapter on success", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const taken = await run(async () => newChapterAction(args(await request(founder, "/chapters/new", { name: "Big Apple", slug: "new-york", description: "NYC" }))));
    expect(taken.status).toBe(400);
    expect(taken.body).toMatchObject({ ok: false, fieldErrors: { slug: expect.stringMatching(/already uses/) }, values: { name: "Big Apple", description: "NYC" } });
    const created = await run(async () => newChapterAction(args(await request(founder, "/chapters/new", { name: "London", slug: "", description: "" }))));
    expect(created).toMatchObject({ status: 302, location: "/chapters/london" });
  });
});

describe("/chapters/:slug", () => {
  it("loads the public part for a non-member and the threads for a member; 404 for an unknown chapter", async () => {
    const author = await makeMember(db, { chapterId: ny.id });
    await makeThread(db, author, { chapterId: ny.id, title: "Chapter only" });
    const outsider = await makeMember(db);
    const outside = await run(async () => chapterLoader(args(await request(outsider, "/chapters/new-york"), { slug: "new-york" })));
    expect(outside.body).toMatchObject({ isMember: false, joined: false, threads: null });
    const inside = await run(async () => chapterLoader(args(await request(author, "/chapters/new-york"), { slug: "new-york" })));
    expect(inside.body.threads.map((t: { title: string }) => t.title)).toEqual(["Chapter only"]);
    expect((await run(async () => chapterLoader(args(await request(author, "/chapters/x"), { slug: "x" })))).status).toBe(404);
  });

  it("tells a president who tries to leave why not (409, beside the button)", async () => {
    const president = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: ny.id, presidentOf: ny.id });
    const out = await run(async () => chapterAction(args(await request(president, "/chapters/new-york", { intent: "leave" }), { slug: "new-york" })));
    expect(out.status).toBe(409);
    expect(out.body).toMatchObject({ ok: false, formError: expect.stringContaining("A founder must appoint your successor"), values: { intent: "leave" } });
  });

  it("joins, RSVPs, and refuses an appointment by a non-founder (403) or without a choice (400)", async () => {
    const member = await makeMember(db);
    const joined = await run(async () => chapterAction(args(await request(member, "/chapters/new-york", { intent: "join" }), { slug: "new-york" })));
    expect(joined.body).toEqual({ ok: true, notice: "Welcome to the New York chapter." });

    const appoint = await run(async () => chapterAction(args(await request(member, "/chapters/new-york", { intent: "appoint", personId: String(member.id) }), { slug: "new-york" })));
    expect(appoint.status).toBe(403);
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const empty = await run(async () => chapterAction(args(await request(founder, "/chapters/new-york", { intent: "appoint", personId: "" }), { slug: "new-york" })));
    expect(empty).toMatchObject({ status: 400, body: { fieldErrors: { personId: "Choose a member of the chapter." } } });
  });
});

describe("/chapters/:slug/gatherings/new", () => {
  it("refuses a member (403) and keeps a president's values beside a past-date error", async () => {
    const president = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: ny.id, presidentOf: ny.id });
    const member = await makeMember(db, { chapterId: ny.id });
    const form = { title: "Breakfast", startsAt: "2020-01-01T08:00", place: "The Club", link: "" };
    const refused = await run(async () => newGatheringAction(args(await request(member, "/chapters/new-york/gatherings/new", { ...form, startsAt: "2099-01-01T08:00" }), { slug: "new-york" })));
    expect(refused.status).toBe(403);
    const past = await run(async () => newGatheringAction(args(await request(president, "/chapters/new-york/gatherings/new", form), { slug: "new-york" })));
    expect(past).toMatchObject({ status: 400, body: { fieldErrors: { startsAt: "Choose a date and time in the future." }, values: { title: "Breakfast", place: "The Club" } } });
    const ok = await run(async () => newGatheringAction(args(await request(president, "/chapters/new-york/gatherings/new", { ...form, startsAt: "2099-01-01T08:00" }), { slug: "new-york" })));
    expect(ok).toMatchObject({ status: 302, location: "/chapters/new-york" });
  });
});
