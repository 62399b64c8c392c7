// Writing in the council: start a thread, reply, edit (history kept), delete (a tombstone stays).
// Each write runs permission -> validation -> render and screen -> one transaction (post, thread
// counters, read state, follows, notifications).
import type { Db } from "../platform/db.server";
import { recordAudit } from "../platform/audit.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/errors";
import { MAX_POST_LENGTH, renderMarkdown } from "./markdown.server";
import { notifyForPost } from "./notifications.server";
import { can, type Actor } from "../accounts/permissions";
import { applyPostStatus } from "./post-status.server";
import { recordHold, screenPost, screeningContext, type Screening } from "../moderation/screening.server";
import { memberChapters, pageOfPost, visiblePosts, visibleThreads } from "./threads.server";
import { bumpThreadContent } from "./thread-page-cache.server";
import { bumpForumVersion } from "./forum-version.server";
import { postingLimitFor, threadLimitFor } from "../platform/limits";
import { enforceMemberRateLimit } from "../platform/rate-limit.server";
import { nowIso } from "../platform/time";

export const MAX_TITLE_LENGTH = 200;

export type ThreadInput = {
  title: string;
  body: string;
  lifecycleArea: string;
  discipline: string;
  maturityStage?: string | null;
  chapterId?: number | null;
};

export type WriteResult = { threadId: number; postId: number; number: number; held: boolean };

/** A body ready to store: validated, and rendered and sanitized once. */
function prepareBody(body: string): { markdown: string; html: string } {
  const markdown = body.replace(/\r\n?/g, "\n").trim();
  if (!markdown) throw new Invalid("Please write something first.", { body: "Write your post." });
  if (markdown.length > MAX_POST_LENGTH) {
    throw new Invalid("Your post is too long.", { body: `Keep it under ${MAX_POST_LENGTH.toLocaleString("en-US")} characters (it has ${markdown.length.toLocaleString("en-US")}).` });
  }
  return { markdown, html: renderMarkdown(markdown) };
}

/** A body ready to store, and screened against the founders' pitch threshold. */
async function prepareAndScreen(db: Db, body: string): Promise<{ markdown: string; html: string; screening: Screening; threshold: number }> {
  const prepared = prepareBody(body);
  const { threshold, model } = await screeningContext(db);
  return { ...prepared, screening: screenPost(prepared.markdown, threshold, model), threshold };
}

/** What a post will look like, without saving it. */
export function previewPost(body: string): string {
  return prepareBody(body).html;
}

export async function createThread(db: Db, actor: Actor, input: ThreadInput): Promise<WriteResult> {
  const thread = await prepareThread(db, actor, input);
  return db.transaction().execute((trx) => insertThread(trx, actor, thread));
}

/** Starts a thread inside the caller's transaction, when the thread is part of a larger action (a policy proposal). */
export async function createThreadWithin(trx: Db, actor: Actor, input: ThreadInput): Promise<WriteResult> {
  return insertThread(trx, actor, await prepareThread(trx, actor, input));
}

type PreparedThread = Omit<ThreadInput, "body"> & { markdown: string; html: string; screening: Screening; threshold: number };

/** Permission, validation, render and screen: everything before a new thread's writes. */
async function prepareThread(db: Db, actor: Actor, input: ThreadInput): Promise<PreparedThread> {
  if (!can(actor, "start_thread")) throw new Forbidden();
  const title = input.title.replace(/\s+/g, " ").trim();
  const fieldErrors: Record<string, string> = {};
  if (!title) fieldErrors.title = "Give your thread a title.";
  else if (title.length > MAX_TITLE_LENGTH) fieldErrors.title = `Keep the title under ${MAX_TITLE_LENGTH} characters.`;
  const [area, discipline, stage] = await Promise.all([
    db.selectFrom("lifecycle_areas").select("key").where("key", "=", input.lifecycleArea).executeTakeFirst(),
    db.selectFrom("disciplines").select("key").where("key", "=", input.discipline).executeTakeFirst(),
    input.maturityStage ? db.selectFrom("maturity_stages").select("key").where("key", "=", input.maturityStage).executeTakeFirst() : null,
  ]);
  if (!area) fieldErrors.lifecycleArea = "Choose a lifecycle area.";
  if (!discipline) fieldErrors.discipline = "Choose a discipline.";
  if (input.maturityStage && !stage) fieldErrors.maturityStage = "Choose one of the maturity stages, or none.";
  if (input.chapterId != null && !memberChapters(actor).includes(input.chapterId)) {
    fieldErrors.chapterId = "You can only start a thread in a chapter you belong to.";
  }
  if (Object.keys(fieldErrors).length) throw new Invalid("Please correct the highlighted fields.", fieldErrors);
  return { ...input, title, ...(await prepareAndScreen(db, input.body)) };
}

/** The thread, its opening post, and what follows a write, inside a transaction. */
async function insertThread(trx: Db, actor: Actor, t: PreparedThread): Promise<WriteResult> {
  const status = t.screening.held ? "held" : "published";
  const now = nowIso();
  await enforcePostingLimits(trx, actor, { newThread: true });
  const thread = await trx.insertInto("threads").values({
    author_id: actor.id, title: t.title, lifecycle_area: t.lifecycleArea, discipline: t.discipline,
    maturity_stage: t.maturityStage || null, chapter_id: t.chapterId ?? null, status, post_count: 1,
    created_at: now, last_post_at: now,
  }).returning("id").executeTakeFirstOrThrow();
  const post = await trx.insertInto("posts").values({
    thread_id: thread.id, author_id: actor.id, number: 1, body_markdown: t.markdown, body_html: t.html, status,
    hold_reasons: t.screening.held ? JSON.stringify(t.screening.reasons) : null, created_at: now,
  }).returning("id").executeTakeFirstOrThrow();
  if (t.screening.held) await recordHold(trx, post.id, t.screening, t.threshold);
  await bumpForumVersion(trx); // the grid counts it
  await afterWrite(trx, actor, { threadId: thread.id, postId: post.id, number: 1, createdAt: now, markdown: t.markdown, held: t.screening.held, newThread: true });
  return { threadId: thread.id, postId: post.id, number: 1, held: t.screening.held };
}

export async function replyToThread(db: Db, actor: Actor, input: { threadId: number; body: string }): Promise<WriteResult> {
  if (!can(actor, "reply")) throw new Forbidden();
  const thread = await db.selectFrom("threads").select(["id", "status"]).where("id", "=", input.threadId)
    .where(visibleThreads(actor, { includeOwn: true })).executeTakeFirst();
  if (!thread) throw new NotFound("This thread does not exist, or it is not visible to you.");
  const { markdown, html, screening, threshold } = await prepareAndScreen(db, input.body);
  const status = screening.held ? "held" : "published";
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    await enforcePostingLimits(trx, actor, { newThread: false });
    const last = await trx.selectFrom("posts").select((eb) => eb.fn.max("number").as("n")).where("thread_id", "=", thread.id).executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    const post = await trx.insertInto("posts").values({
      thread_id: thread.id, author_id: actor.id, number, body_markdown: markdown, body_html: html, status,
      hold_reasons: screening.held ? JSON.stringify(screening.reasons) : null, created_at: now,
    }).returning("id").executeTakeFirstOrThrow();
    if (screening.held) await recordHold(trx, post.id, screening, threshold);
    // A held reply is not part of the thread for others until a moderator publishes it (its author sees it at once).
    if (!screening.held) {
      await trx.updateTable("threads").set((eb) => ({ post_count: eb("post_count", "+", 1), last_post_at: now, content_version: eb("content_version", "+", 1) }))
        .where("id", "=", thread.id).execute();
    } else {
      await bumpThreadContent(trx, thread.id);
    }
    await afterWrite(trx, actor, { threadId: thread.id, postId: post.id, number, createdAt: now, markdown, held: screening.held, newThread: false });
    return { threadId: thread.id, postId: post.id, number, held: screening.held };
  });
}

/** Posting limits (stricter in a member's first week); throws TooManyRequests with the time to try again. */
async function enforcePostingLimits(trx: Db, actor: Actor, w: { newThread: boolean }) {
  await enforceMemberRateLimit(trx, postingLimitFor, actor.id);
  if (w.newThread) await enforceMemberRateLimit(trx, threadLimitFor, actor.id);
}

/** The author's read state, follow, and (for published posts) the notifications. Inside the write's transaction. */
async function afterWrite(trx: Db, actor: Actor, w: { threadId: number; postId: number; number: number; createdAt: string; markdown: string; held: boolean; newThread: boolean }) {
  await trx.insertInto("thread_reads")
    .values({ person_id: actor.id, thread_id: w.threadId, last_read_post_number: w.number, last_read_post_at: w.createdAt, read_at: w.createdAt })
    .onConflict((oc) => oc.columns(["person_id", "thread_id"]).doUpdateSet({ last_read_post_number: w.number, last_read_post_at: w.createdAt, read_at: w.createdAt }))
    .execute();
  // Writing in a thread follows it, so replies come back to you.
  await trx.insertInto("follows").values({ person_id: actor.id, thread_id: w.threadId, lifecycle_area: null, created_at: w.createdAt })
    .onConflict((oc) => oc.columns(["person_id", "thread_id"]).doNothing()).execute();
  if (!w.held) await notifyForPost(trx, actor, w);
}

/** A post its author is about to edit. */
export async function getPostForEdit(db: Db, actor: Actor, postId: number) {
  const post = await db.selectFrom("posts").innerJoin("threads", "threads.id", "posts.thread_id")
    .select(["posts.id", "posts.thread_id", "posts.number", "posts.author_id", "posts.body_markdown", "posts.status", "posts.rejection_reason", "threads.title as thread_title"])
    .where("posts.id", "=", postId).where(visibleThreads(actor, { includeOwn: true })).executeTakeFirst();
  if (!post) throw new NotFound("This post does not exist, or it is not visible to you.");
  if (!can(actor, "edit_post", { authorId: post.author_id })) throw new Forbidden("Only its author can edit a post.");
  if (post.status === "deleted" || post.status === "removed") throw new Conflict("This post was deleted; it can no longer be edited.");
  return post;
}

/**
 * Replaces a post's text; the previous version goes to post_revisions (its history). An edit is
 * screened like a new post. A held post stays held until a moderator decides; a hidden (flagged) post
 * stays hidden until the review; a rejected post is resubmitted: published if the check passes, held again if not.
 */
export async function editPost(db: Db, actor: Actor, input: { postId: number; body: string }) {
  const post = await getPostForEdit(db, actor, input.postId);
  const { markdown, html, screening, threshold } = await prepareAndScreen(db, input.body);
  const resubmit = post.status === "rejected";
  if (markdown === post.body_markdown && !resubmit) return { threadId: post.thread_id, number: post.number, changed: false, held: post.status === "held" };
  const now = nowIso();
  const status = post.status === "hidden" ? "hidden" : post.status === "held" || screening.held ? "held" : "published";
  return db.transaction().execute(async (trx) => {
    if (markdown !== post.body_markdown) {
      const current = await trx.selectFrom("posts").select(["body_markdown", "body_html", "created_at", "edited_at"]).where("id", "=", post.id).executeTakeFirstOrThrow();
      await trx.insertInto("post_revisions").values({
        post_id: post.id, body_markdown: current.body_markdown, body_html: current.body_html,
        written_at: current.edited_at ?? current.created_at, replaced_at: now,
      }).execute();
      await trx.updateTable("posts").set({ body_markdown: markdown, body_html: html, edited_at: now }).where("id", "=", post.id).execute();
    }
    // applyPostStatus also bumps the thread's content_version, so cached pages show the new words.
    await applyPostStatus(trx, post, status, {
      ...(screening.held ? { hold_reasons: JSON.stringify(screening.reasons) } : {}),
      ...(resubmit ? { rejection_reason: null } : {}),
    });
    if (status === "held" && screening.held && (post.status !== "held" || markdown !== post.body_markdown)) await recordHold(trx, post.id, screening, threshold);
    if (resubmit) {
      await recordAudit(trx, { actorId: actor.id, action: "post.resubmitted", subjectType: "post", subjectId: post.id, rule: "Authors may edit and resubmit a rejected post", details: { held: status === "held" } });
    }
    return { threadId: post.thread_id, number: post.number, changed: true, held: status === "held" };
  });
}

/** The author deletes their post: its words go, a tombstone keeps its place so the thread still reads. */
export async function deletePost(db: Db, actor: Actor, input: { postId: number }) {
  const post = await getPostForEdit(db, actor, input.postId);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("posts").set({ status: "deleted", edited_at: nowIso() }).where("id", "=", post.id).execute();
    await bumpThreadContent(trx, post.thread_id);
    if (post.status === "held" && post.number > 1) {
      // It was never counted; now it is a tombstone like any other.
      await trx.updateTable("threads").set((eb) => ({ post_count: eb("post_count", "+", 1) })).where("id", "=", post.thread_id).execute();
    }
    await recordAudit(trx, { actorId: actor.id, action: "post.deleted_by_author", subjectType: "post", subjectId: post.id, rule: "Authors may delete their own posts" });
  });
  return { threadId: post.thread_id, number: post.number };
}

/** Every version of a post, newest first, for any member who may read the post. */
export async function getPostHistory(db: Db, actor: Actor, postId: number) {
  const post = await db.selectFrom("posts").innerJoin("threads", "threads.id", "posts.thread_id").innerJoin("people", "people.id", "posts.author_id")
    .select(["posts.id", "posts.thread_id", "posts.number", "posts.status", "posts.body_html", "posts.created_at", "posts.edited_at",
      "threads.title as thread_title", "people.name as author_name"])
    .where("posts.id", "=", postId).where(visibleThreads(actor, { includeOwn: true })).where(visiblePosts(actor)).executeTakeFirst();
  if (!post) throw new NotFound("This post does not exist, or it is not visible to you.");
  if (post.status === "deleted" || post.status === "removed") {
    return { post: { ...post, body_html: "" }, versions: [] };
  }
  const revisions = await db.selectFrom("post_revisions").select(["id", "body_html", "written_at", "replaced_at"])
    .where("post_id", "=", postId).orderBy("id", "desc").execute();
  const versions = [
    { id: 0, body_html: post.body_html, written_at: post.edited_at ?? post.created_at, current: true },
    ...revisions.map((r) => ({ id: r.id, body_html: r.body_html, written_at: r.written_at, current: false })),
  ];
  return { post, versions };
}

/** Where a post lives: its thread's page and anchor (for permalinks and notifications). */
export async function locatePost(db: Db, actor: Actor, postId: number) {
  const post = await db.selectFrom("posts").innerJoin("threads", "threads.id", "posts.thread_id")
    .select(["posts.thread_id", "posts.number"])
    .where("posts.id", "=", postId).where(visibleThreads(actor, { includeOwn: true })).where(visiblePosts(actor)).executeTakeFirst();
  if (!post) throw new NotFound("This post does not exist, or it is not visible to you.");
  return { threadId: post.thread_id, number: post.number, page: pageOfPost(post.number) };
}
