// The thread page's post list goes out once: on a document request (a load context with `markup`) the loader's data
// carries none, and the document's markup holds only what this member may read; on a client data request (no
// `markup`) the data carries it. The list's markup is made once per page version and member variant, so one member's
// edit links, flags or unread marker never reach another. Real sessions and a real SQLite database.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { createSession } from "../../app/accounts/session.server";
import type { Actor } from "../../app/accounts/permissions";
import * as threadPage from "../../app/routes/threads.$id";
import { bumpThreadContent } from "../../app/forum/thread-page-cache.server";
import { createTestDb } from "../helpers/db";
import { postsShown } from "../helpers/post-list";
import { flagPost } from "../../app/moderation/moderation.server";
import { replyToThread } from "../../app/forum/posts.server";
import { makeMember, makeThread } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  (globalThis as unknown as { councilDb?: Db }).councilDb = db;
});

async function open(actor: Actor, threadId: number, markup?: Map<string, string>, page = 1) {
  const { token } = await createSession(db, actor.id, 30);
  const request = new Request(`http://localhost/threads/${threadId}?page=${page}`, { headers: { Cookie: `council_session=${token}` } });
  return threadPage.loader({ request, params: { id: String(threadId) }, context: markup ? { markup } : {} } as never);
}
const shown = async (actor: Actor, threadId: number, page = 1) => postsShown((await open(actor, threadId, undefined, page)).postsHtml!);

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
    expect(page.postsHtml).toBeNull();
    expect(JSON.stringify(page)).not.toContain("words");
    const all = [...markup.values()].join("\n");
    expect(all).toContain("fresh words");
    for (const hidden of ["held words", "removed words", "deleted words"]) expect(all).not.toContain(hidden);
    expect(postsShown(markup.get("posts")!).map((p) => [p.number, p.status])).toEqual([[1, "published"], [3, "removed"], [4, "deleted"], [5, "published"]]);

    // The author sees their own held post; a tombstone never carries its words.
    const own = new Map<string, string>();
    await open(author, t.id, own);
    expect([...own.values()].join("\n")).toContain("held words");
    expect([...own.values()].join("\n")).not.toMatch(/removed words|deleted words/);
  });

  it("a client data request carries the post list as data, current after an edit", async () => {
    const author = await makeMember(db);
    const t = await makeThread(db, author, { replies: 1, body: "first version" });
    expect((await shown(author, t.id))[1]!.body_html).toBe("<p>first version</p>");
    await setPost(t.id, 2, "published", "edited version");
    expect((await shown(author, t.id))[1]!.body_html).toBe("<p>edited version</p>");
    const markup = new Map<string, string>();
    await open(author, t.id, markup);
    expect(markup.get("posts")).toContain("<p>edited version</p>");
  });

  it("what is personal in the list stays personal: edit links, open flags and the unread marker", async () => {
    const author = await makeMember(db);
    const flagger = await makeMember(db);
    const reader = await makeMember(db);
    const t = await makeThread(db, author, { replies: 2, body: "We moved social care under CX last year." });
    const editLinks = (html: string) => html.match(/>Edit or delete</g)?.length ?? 0;
    // The author's list (all three posts theirs) is made first; the others never get its edit links.
    expect(editLinks((await open(author, t.id)).postsHtml!)).toBe(3);
    expect(editLinks((await open(reader, t.id)).postsHtml!)).toBe(0);

    const second = (await shown(flagger, t.id))[1]!;
    await flagPost(db, flagger, { postId: second.id!, reason: "off_topic", note: null });
    expect((await shown(flagger, t.id)).map((p) => p.flagged_by_me)).toEqual([false, true, false]);
    expect((await shown(reader, t.id)).map((p) => p.flagged_by_me)).toEqual([false, false, false]);

    // A new reply: the reader, who had read to post 3, sees post 4 marked as new; the author, who wrote it, does not.
    await replyToThread(db, author, { threadId: t.id, body: "A follow-up on weekend staffing and our rota." });
    const marked = (html: string) => /<section id="post-(\d+)" class="post first-unread"/.exec(html)?.[1];
    expect(marked((await open(reader, t.id)).postsHtml!)).toBe("4");
    expect(marked((await open(author, t.id)).postsHtml!)).toBeUndefined();
    expect(marked((await open(flagger, t.id)).postsHtml!)).toBe("4");
  });
});
