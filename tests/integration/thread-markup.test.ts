// The thread page's post bodies go out once: on a document request (a load context with `markup`) the loader's data
// carries none, and the document's markup holds only what this member may read; on a client data request (no
// `markup`) the data carries them. Real sessions and a real SQLite database.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { createSession } from "../../app/accounts/session.server";
import type { Actor } from "../../app/accounts/permissions";
import * as threadPage from "../../app/routes/threads.$id";
import { bumpThreadContent } from "../../app/forum/thread-page-cache.server";
import { createTestDb } from "../helpers/db";
import { makeMember, makeThread } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  (globalThis as unknown as { councilDb?: Db }).councilDb = db;
});

type Page = { posts: { id: number; number: number; status: string; body_html: string | null }[] };
async function open(actor: Actor, threadId: number, markup?: Map<string, string>): Promise<Page> {
  const { token } = await createSession(db, actor.id, 30);
  const request = new Request(`http://localhost/threads/${threadId}?page=1`, { headers: { Cookie: `council_session=${token}` } });
  return (await threadPage.loader({ request, params: { id: String(threadId) }, context: markup ? { markup } : {} } as never)) as Page;
}

// A write straight to the table, so it bumps the thread's content_version as every domain write does.
async function setPost(threadId: number, number: number, status: "published" | "held" | "removed" | "deleted", body: string) {
  await db.updateTable("posts").set({ status, body_html: `<p>${body}</p>` }).where("thread_id", "=", threadId).where("number", "=", number).execute();
  await bumpThreadContent(db, threadId);
}

describe("thread page post bodies", () => {
  it("a document request's data carries no body; its markup has exactly the bodies the member may read", async () => {
    const author = await makeMember(db);
    const reader = await makeMember(db);
    const t = await makeThread(db, author, { replies: 4 });
    await setPost(t.id, 2, "held", "held words");
    await setPost(t.id, 3, "removed", "removed words");
    await setPost(t.id, 4, "deleted", "deleted words");
    await setPost(t.id, 5, "published", "fresh words");

    const markup = new Map<string, string>();
    const page = await open(reader, t.id, markup);
    expect(page.posts.map((p) => p.body_html)).toEqual(page.posts.map(() => null));
    const all = [...markup.values()].join("\n");
    expect(all).toContain("fresh words");
    for (const hidden of ["held words", "removed words", "deleted words"]) expect(all).not.toContain(hidden);
    expect(markup.size).toBe(page.posts.length);

    // The author sees their own held post; a tombstone never carries its words.
    const own = new Map<string, string>();
    await open(author, t.id, own);
    expect([...own.values()].join("\n")).toContain("held words");
    expect([...own.values()].join("\n")).not.toMatch(/removed words|deleted words/);
  });

  it("a client data request carries the bodies as data, current after an edit", async () => {
    const author = await makeMember(db);
    const t = await makeThread(db, author, { replies: 1, body: "first version" });
    expect((await open(author, t.id)).posts[1]!.body_html).toBe("<p>first version</p>");
    await setPost(t.id, 2, "published", "edited version");
    expect((await open(author, t.id)).posts[1]!.body_html).toBe("<p>edited version</p>");
    const markup = new Map<string, string>();
    await open(author, t.id, markup);
    expect([...markup.values()]).toContain("<p>edited version</p>");
  });
});
