import type { Db } from "./db.server";
import type { Actor } from "./permissions";

/** Posts held for review that this moderator may act on (never their own). */
export async function listHeldPosts(db: Db, actor: Actor) {
  let query = db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("people", "people.id", "posts.author_id")
    .select([
      "posts.id", "posts.number", "posts.body_html", "posts.hold_reasons", "posts.created_at",
      "threads.id as thread_id", "threads.title as thread_title", "threads.chapter_id", "people.name as author_name",
    ])
    .where("posts.status", "=", "held")
    .where("posts.author_id", "!=", actor.id)
    .orderBy("posts.created_at", "asc");
  const staff = actor.roles.includes("founder") || actor.roles.includes("moderator");
  if (!staff) query = query.where("threads.chapter_id", "in", actor.presidentOf.length ? actor.presidentOf : [-1]);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, hold_reasons: r.hold_reasons ? (JSON.parse(r.hold_reasons) as { signal: string; label?: string; excerpt: string }[]) : [] }));
}

// Moderation actions shown in the public log. Private details (message contents, appeal texts) stay out.
export const PUBLIC_LOG_ACTIONS = ["membership.revoked", "membership.reinstated", "policy.adopted", "post.published", "post.rejected", "post.removed", "flag.upheld", "flag.dismissed", "strike.recorded", "member.suspended"];

export async function listModerationLog(db: Db, filter: { action?: string; page?: number } = {}) {
  const pageSize = 50;
  let query = db
    .selectFrom("audit_log")
    .leftJoin("people as actor", "actor.id", "audit_log.actor_id")
    .select(["audit_log.id", "audit_log.at", "audit_log.action", "audit_log.subject_type", "audit_log.subject_id", "audit_log.rule", "audit_log.policy_version", "audit_log.reason", "actor.name as actor_name"])
    .where("audit_log.action", "in", PUBLIC_LOG_ACTIONS)
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(pageSize)
    .offset(((filter.page ?? 1) - 1) * pageSize);
  if (filter.action) query = query.where("audit_log.action", "=", filter.action);
  return query.execute();
}
