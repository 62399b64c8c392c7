// The staff home: what needs a staff member's attention now, as counts, each linking to its queue.
// Each count is asked of the domain that owns the queue, and only when this person may open that
// queue (those functions check can() themselves); a queue they cannot open is left out, not zero.
import type { Db } from "../platform/db.server";
import { Forbidden } from "../platform/errors";
import { hasStaffHome, staffTools } from "../accounts/navigation";
import { can, hasReviewQueue, type Actor } from "../accounts/permissions";
import { countOpenApplications } from "../membership/applications.server";
import { countOpenAppeals } from "../membership/appeals.server";
import { countQueuePosts } from "./moderation.server";

export type Attention = { key: string; label: string; count: number; to: string; urgent: boolean };

export async function getStaffHome(db: Db, actor: Actor, now = new Date()) {
  if (!hasStaffHome(actor)) throw new Forbidden("The staff home is for founders, moderators and chapter presidents.");
  const [applications, posts, appeals] = await Promise.all([
    can(actor, "review_applications") ? countOpenApplications(db, actor, now) : null,
    hasReviewQueue(actor) ? countQueuePosts(db, actor) : null,
    can(actor, "decide_appeals") ? countOpenAppeals(db, actor) : null,
  ]);
  const attention: Attention[] = [];
  if (applications) {
    attention.push(
      { key: "applications-overdue", label: "Applications overdue", count: applications.overdue, to: "/review", urgent: applications.overdue > 0 },
      { key: "applications-due", label: "Applications due within two days", count: applications.dueSoon, to: "/review", urgent: false },
      { key: "applications-open", label: "Open applications in all", count: applications.open, to: "/review", urgent: false },
    );
  }
  if (posts) {
    attention.push(
      { key: "held", label: "Posts held for review", count: posts.held, to: "/moderation#held", urgent: posts.held > 0 },
      { key: "hidden", label: "Posts hidden by flags", count: posts.hiddenFlagged, to: "/moderation#flagged", urgent: posts.hiddenFlagged > 0 },
      { key: "flagged", label: "Flagged posts still shown", count: posts.flagged, to: "/moderation#flagged", urgent: false },
    );
  }
  if (appeals !== null) attention.push({ key: "appeals", label: "Appeals waiting", count: appeals, to: "/appeals", urgent: appeals > 0 });
  return { attention, tools: staffTools(actor) };
}
