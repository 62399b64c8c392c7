// /settings/security: where a member is signed in, and signing out one session or every other one.
// A session's browser and approximate place (IP truncated to /24 or /48) are recorded when it is made.
import type { Db } from "../platform/db.server";
import { recordAudit } from "../platform/audit.server";
import { Conflict, Forbidden, NotFound } from "../platform/errors";
import { nowIso } from "../platform/time";
import { can, type Actor } from "./permissions";
import { describeUserAgent } from "./user-agent";


/** The actor's active sessions, this one first, then the most recently used. */
export async function listSessions(db: Db, actor: Actor, currentSessionId: string) {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  const rows = await db.selectFrom("sessions").select(["id", "user_agent", "ip_prefix", "created_at", "last_used_at"])
    .where("person_id", "=", actor.id).where("expires_at", ">", nowIso()).execute();
  return rows
    .map((r) => ({
      id: r.id, device: describeUserAgent(r.user_agent), place: r.ip_prefix ?? "Unknown",
      createdAt: r.created_at, lastUsedAt: r.last_used_at ?? r.created_at, current: r.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt));
}

/** Signs out one of the actor's other sessions (this one signs out with the header's button). */
export async function endSession(db: Db, actor: Actor, sessionId: string, currentSessionId: string) {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  if (sessionId === currentSessionId) throw new Conflict("That is this browser: use Sign out at the top of the page.");
  await db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom("sessions").where("id", "=", sessionId).where("person_id", "=", actor.id).executeTakeFirst();
    if (Number(gone.numDeletedRows) !== 1) throw new NotFound("That session has already ended.");
    await recordAudit(trx, { actorId: actor.id, action: "session.ended", subjectType: "person", subjectId: actor.id, details: { sessions: 1 } });
  });
}

/** Signs out every session but this one. Returns how many ended. */
export async function endOtherSessions(db: Db, actor: Actor, currentSessionId: string): Promise<number> {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  return db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom("sessions").where("person_id", "=", actor.id).where("id", "!=", currentSessionId).executeTakeFirst();
    const count = Number(gone.numDeletedRows);
    await recordAudit(trx, { actorId: actor.id, action: "session.ended", subjectType: "person", subjectId: actor.id, details: { sessions: count, everywhereElse: true } });
    return count;
  });
}
