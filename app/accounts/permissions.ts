// The one place that answers "may this person do this?". Pure: no I/O, so the server enforces it
// in every loader and action, and the UI calls the same function only to decide what to show.
import type { MemberType, PersonStatus, Role, RoleLevel } from "../../db/schema";

export type Actor = {
  id: number;
  name: string;
  email: string;
  title: string;
  company: string;
  roleLevel: RoleLevel;
  memberType: MemberType;
  status: PersonStatus;
  roles: Role[];
  /** Chapters this person presides over (chapter president role). */
  presidentOf: number[];
  chapterId: number | null;
  /** Whether they sign in with a second factor (TOTP); loaded with the session. */
  twoFactorEnabled?: boolean;
};

/** What an action is about, when the answer depends on it. */
export type Subject = {
  authorId?: number;
  personId?: number;
  chapterId?: number | null;
  applicantEmail?: string;
  referredBy?: string | null;
  /** The roles of the person acted on (revoking a membership depends on them). */
  personRoles?: readonly Role[];
  /** How many founders are active now, the person acted on included (no one revokes the last). */
  activeFounders?: number;
};

export const ACTIONS = [
  "read_council", // member pages: threads, search, members, moderation log
  "start_thread",
  "reply",
  "edit_post",
  "send_message",
  "review_applications",
  "decide_application",
  "moderate",
  "revoke_membership",
  "issue_invitations",
  "manage_policy",
  "appoint_moderators",
  "view_outbox",
  "view_dashboard",
  "edit_framework",
  "flag_post",
  "manage_moderation",
  "lift_suspension",
  "manage_chapters", // create chapters, appoint chapter presidents
  "manage_gatherings", // a chapter's gatherings: its president, and founders
  "decide_appeals",
  "propose_policy", // put a draft policy version to a vote (a founder's opens at once; others need two seconds)
  "second_proposal", // any other member seconds a member's proposal
  "vote_policy",
  "manage_own_account", // /settings/*: one's own profile, job facts, password and email settings
  "verify_job_changes", // /review: verify the facts of a member's job change (never one's own)
  "reset_two_factor", // a founder resets another member's two-factor sign-in (never their own)
  "verify_email_changes", // /review: approve or decline a member's change to a free-webmail address (never one's own)
  "resign_membership", // /settings/resign: any active member leaves, except the council's last active founder
  "receive_notifications", // email notifications (messages, replies, mentions, decisions, votes): active members only
  "reply_by_email", // answer a notification by email: posted as the member, under the same rules as the web
] as const;
export type Action = (typeof ACTIONS)[number];

export const isActive = (actor: Actor | null): actor is Actor => actor !== null && actor.status === "active";
export const hasRole = (actor: Actor | null, role: Role) => isActive(actor) && actor.roles.includes(role);
const isStaff = (actor: Actor) => hasRole(actor, "founder") || hasRole(actor, "moderator");

export function can(actor: Actor | null, action: Action, subject: Subject = {}): boolean {
  // Anonymous visitors and revoked or suspended people may do nothing here.
  if (!isActive(actor)) return false;
  switch (action) {
    case "read_council":
    case "start_thread":
    case "reply":
    case "send_message":
    case "propose_policy":
    case "vote_policy":
      return true;
    case "manage_own_account":
    case "receive_notifications":
    case "reply_by_email":
      return true;
    case "resign_membership":
      // The council keeps a founder: the last active one cannot resign (the caller gives `activeFounders`).
      return !hasRole(actor, "founder") || (subject.activeFounders ?? 0) > 1;
    case "reset_two_factor":
      return hasRole(actor, "founder") && subject.personId !== actor.id;
    case "verify_job_changes":
    case "verify_email_changes":
      return isStaff(actor) && subject.personId !== actor.id;
    case "second_proposal":
      return subject.authorId !== actor.id;
    case "edit_post":
      return subject.authorId === actor.id;
    case "flag_post":
      // Any member flags someone else's post; flagging your own post means nothing.
      return subject.authorId === undefined || subject.authorId !== actor.id;
    case "review_applications":
      return isStaff(actor);
    case "decide_application": {
      // No one decides their own application, or one they referred.
      const own = subject.applicantEmail?.toLowerCase() === actor.email.toLowerCase();
      const referred = !!subject.referredBy && subject.referredBy.toLowerCase().includes(actor.email.toLowerCase());
      return isStaff(actor) && !own && !referred;
    }
    case "moderate": {
      // No one moderates their own post. Chapter presidents moderate their chapter only.
      if (subject.authorId === actor.id) return false;
      if (isStaff(actor)) return true;
      return subject.chapterId != null && actor.presidentOf.includes(subject.chapterId);
    }
    case "revoke_membership":
      return isStaff(actor) && subject.personId !== actor.id && mayRevokeHolderOf(actor, subject);
    case "lift_suspension":
      return hasRole(actor, "founder") && subject.personId !== actor.id;
    case "manage_gatherings":
      return hasRole(actor, "founder") || (subject.chapterId != null && actor.presidentOf.includes(subject.chapterId));
    case "manage_chapters":
    case "issue_invitations":
    case "manage_policy":
    case "appoint_moderators":
    case "view_outbox":
    case "view_dashboard":
    case "edit_framework":
    case "manage_moderation":
    case "decide_appeals":
      return hasRole(actor, "founder");
  }
}

/**
 * Whose membership a staff member may revoke: moderators revoke members; only a founder revokes a
 * moderator or a chapter president; a founder is revoked only by another founder, and never the last
 * active founder (the caller gives `activeFounders`; without it, a founder is not revoked).
 */
function mayRevokeHolderOf(actor: Actor, subject: Subject): boolean {
  const roles = subject.personRoles ?? [];
  const founder = hasRole(actor, "founder");
  if (roles.includes("founder")) return founder && (subject.activeFounders ?? 0) > 1;
  if (roles.includes("moderator") || roles.includes("chapter_president")) return founder;
  return true;
}

/** Whether this member has a review queue at all: moderators and founders, and chapter presidents (their chapters' posts). */
export const hasReviewQueue = (actor: Actor | null): actor is Actor => can(actor, "moderate") || (isActive(actor) && actor.presidentOf.length > 0);

export const ROLE_LABELS: Record<Role, string> = {
  member: "Member",
  moderator: "Moderator",
  chapter_president: "Chapter president",
  founder: "Founder",
};

/** The staff pages: what founders, moderators and chapter presidents do that members do not. */
export const STAFF_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  "review_applications", "decide_application", "moderate", "revoke_membership", "issue_invitations", "manage_policy",
  "appoint_moderators", "view_outbox", "view_dashboard", "edit_framework", "manage_moderation", "lift_suspension",
  "manage_chapters", "manage_gatherings", "decide_appeals", "verify_job_changes", "verify_email_changes", "reset_two_factor",
]);

/** Founders, moderators and chapter presidents must sign in with a second factor (in production mode). */
export const mustUseTwoFactor = (actor: Actor | null, mode: "demo" | "production") =>
  mode === "production" && isActive(actor) && (isStaff(actor) || hasRole(actor, "chapter_president") || actor.presidentOf.length > 0);

/** A staff page that must wait until this person enrols a second factor (members' pages never do). */
export const needsTwoFactorEnrolment = (actor: Actor | null, action: Action, mode: "demo" | "production") =>
  STAFF_ACTIONS.has(action) && mustUseTwoFactor(actor, mode) && !actor!.twoFactorEnabled;
