import type { Db } from "./db.server";
import { nowIso } from "./time";

export type AuditEntry = {
  actorId: number | null;
  action: string;
  subjectType?: string;
  subjectId?: number;
  rule?: string;
  policyVersion?: number;
  reason?: string;
  details?: Record<string, unknown>;
};

/** Appends one decision to the audit log and returns its id. Call inside the same transaction as the decision. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<number> {
  const row = await db
    .insertInto("audit_log")
    .values({
      at: nowIso(),
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      rule: entry.rule ?? null,
      policy_version: entry.policyVersion ?? null,
      reason: entry.reason ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
