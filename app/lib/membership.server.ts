import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { Conflict, Forbidden, Invalid, NotFound } from "./errors";
import { can, type Actor } from "./permissions";
import { invalidateAllSessions } from "./session.server";
import { nowIso } from "./time";

export type RevocationInput = { memberId: number; rule: string; reason: string; policyVersion?: number };

/**
 * Ends a membership at once: status revoked, every session deleted, an audit row naming the rule,
 * all in one transaction. What the person wrote stays. `actor` null means the system (a policy job).
 */
export async function revokeMembership(db: Db, actor: Actor | null, input: RevocationInput) {
  if (actor && !can(actor, "revoke_membership", { personId: input.memberId })) {
    throw new Forbidden(actor.id === input.memberId ? "You cannot revoke your own membership." : undefined);
  }
  if (!input.rule.trim()) throw new Invalid("Name the rule this revocation is based on.", { rule: "Cite a rule." });
  if (input.reason.trim().length < 10) throw new Invalid("Give the reason in a sentence.", { reason: "At least 10 characters." });
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("people").select(["id", "status"]).where("id", "=", input.memberId).executeTakeFirst();
    if (!person) throw new NotFound("No such member.");
    if (person.status === "revoked") throw new Conflict("This membership is already revoked.");
    await trx.updateTable("people").set({ status: "revoked", revoked_at: nowIso() }).where("id", "=", input.memberId).execute();
    await invalidateAllSessions(trx, input.memberId);
    await recordAudit(trx, {
      actorId: actor?.id ?? null,
      action: "membership.revoked",
      subjectType: "person",
      subjectId: input.memberId,
      rule: input.rule,
      policyVersion: input.policyVersion,
      reason: input.reason,
    });
  });
}
