// Due work, run by `npm run jobs` and hourly by the server: notices whose period has ended, then
// email notifications that are due (the server also runs that pass every minute), email delivery, then forgetting rate-limit events too old to count. A notice is re-checked under the policy in force when it ends: a member who
// qualifies again (the policy changed back) is spared and the notice cancelled; everyone else is
// revoked the same way, citing the policy version that gave the notice.
import type { Transporter } from "nodemailer";
import type { Db } from "./platform/db.server";
import { recordAudit } from "./platform/audit.server";
import { evaluateEligibility } from "./membership/eligibility";
import { deliverQueuedEmail, smtpTransport } from "./platform/mail.server";
import { revokeWithin } from "./membership/revocation.server";
import { getCurrentPolicy } from "./membership/policy.server";
import { policyFactsOf } from "./membership/job-changes.server";
import { pruneRateLimitEvents } from "./platform/rate-limit.server";
import { sendDueNotifications, type NotificationPass } from "./forum/email-notifications.server";
import { nowIso } from "./platform/time";

export type JobsResult = { revoked: number; cancelled: number; notifications: NotificationPass; email: { sent: number; failed: number }; rateLimitEventsPruned: number };

export async function runDueNotices(db: Db, now = new Date()): Promise<{ revoked: number; cancelled: number }> {
  const due = await db.selectFrom("membership_notices").selectAll()
    .where("status", "=", "pending").where("revoke_at", "<=", nowIso(now)).orderBy("id").execute();
  let revoked = 0;
  let cancelled = 0;
  for (const notice of due) {
    const outcome = await db.transaction().execute(async (trx) => {
      const still = await trx.selectFrom("membership_notices").select("status").where("id", "=", notice.id).executeTakeFirst();
      if (still?.status !== "pending") return "skipped" as const;
      const person = await trx.selectFrom("people").selectAll().where("id", "=", notice.person_id).executeTakeFirstOrThrow();
      const policy = await getCurrentPolicy(trx);
      // Facts still awaiting a reviewer's verification never make anyone eligible: judge by the last verified ones.
      const verdict = evaluateEligibility(await policyFactsOf(trx, person), policy);
      const resolve = (status: "executed" | "cancelled") =>
        trx.updateTable("membership_notices").set({ status, resolved_at: nowIso(now) }).where("id", "=", notice.id).execute();
      if (person.status !== "active" || verdict.outcome !== "ineligible") {
        await resolve("cancelled");
        await recordAudit(trx, {
          actorId: null, action: "notice.cancelled", subjectType: "person", subjectId: person.id, rule: "eligibility_policy", policyVersion: policy.version,
          reason: person.status !== "active" ? `The membership was already ${person.status}.` : `Qualifies under policy v${policy.version}, in force when the notice ended.`,
          details: { noticeId: notice.id, noticePolicyVersion: notice.policy_version },
        });
        return "cancelled" as const;
      }
      const failed = verdict.reasons.filter((r) => !r.passed && r.rule !== "free_webmail").map((r) => r.message);
      await revokeWithin(trx, null, {
        memberId: person.id, rule: "eligibility_policy", policyVersion: notice.policy_version,
        reason: `No longer eligible under eligibility policy v${notice.policy_version}; the notice period has ended. ${failed.join(" ")}`.trim(),
      });
      await resolve("executed");
      return "revoked" as const;
    });
    if (outcome === "revoked") revoked++;
    if (outcome === "cancelled") cancelled++;
  }
  return { revoked, cancelled };
}

/** Everything due at `now`. Email goes out through SMTP when configured (or the given transport). */
export async function runJobs(db: Db, options: { now?: Date; transport?: Transporter } = {}): Promise<JobsResult> {
  const now = options.now ?? new Date();
  const notices = await runDueNotices(db, now);
  const notifications = await sendDueNotifications(db, now);
  const email = await deliverQueuedEmail(db, options.transport ?? smtpTransport(), now);
  const rateLimitEventsPruned = await pruneRateLimitEvents(db, now);
  return { ...notices, notifications, email, rateLimitEventsPruned };
}

/**
 * The email-notification pass alone, which the server runs every minute (notifications wait only
 * NOTIFY_DELAY_MINUTES): decide what is due, then deliver. Safe to run in several processes at once:
 * each batch is claimed before its email is queued.
 */
export async function runNotificationPass(db: Db, options: { now?: Date; transport?: Transporter } = {}) {
  const now = options.now ?? new Date();
  const notifications = await sendDueNotifications(db, now);
  const email = notifications.sent ? await deliverQueuedEmail(db, options.transport ?? smtpTransport(), now) : { sent: 0, failed: 0 };
  return { notifications, email };
}
