// What the header offers each person: at most seven top-level items, the staff tools gathered under
// one "Staff" entry. Pure, from can(): the header and the staff home show the same list, and the
// server still checks every page itself.
import { can, hasReviewQueue, isActive, type Actor } from "./permissions";

export type NavItem = { to: string; label: string };

/** The staff tools this person may open, in the order the staff home lists them. */
export function staffTools(actor: Actor | null): NavItem[] {
  if (!isActive(actor)) return [];
  const tools: [boolean, NavItem][] = [
    [can(actor, "review_applications"), { to: "/review", label: "Applications" }],
    [hasReviewQueue(actor), { to: "/moderation", label: "Review queue" }],
    [can(actor, "decide_appeals"), { to: "/appeals", label: "Appeals" }],
    [can(actor, "revoke_membership"), { to: "/admin/members", label: "Manage members" }],
    [can(actor, "issue_invitations"), { to: "/invitations", label: "Invitations" }],
    [can(actor, "view_outbox"), { to: "/outbox", label: "Outbox" }],
    [can(actor, "view_dashboard"), { to: "/dashboard", label: "Dashboard" }],
    [can(actor, "manage_moderation"), { to: "/moderation/settings", label: "Moderation settings" }],
  ];
  return tools.filter(([allowed]) => allowed).map(([, item]) => item);
}

/** Whether this person has a staff home at all (any staff tool). */
export const hasStaffHome = (actor: Actor | null): actor is Actor => staffTools(actor).length > 0;

export const MAX_TOP_LEVEL_ITEMS = 7;

/**
 * The header's top-level links. Search has its own box in the header, notifications and settings sit
 * with the account, and the moderation log is linked from the footer and the policy page.
 */
export function mainNav(actor: Actor | null): NavItem[] {
  if (!isActive(actor)) return [];
  const items: [boolean, NavItem][] = [
    [true, { to: "/", label: "Framework" }],
    [can(actor, "start_thread"), { to: "/threads/new", label: "New thread" }],
    [can(actor, "send_message"), { to: "/messages", label: "Messages" }],
    [true, { to: "/members", label: "Members" }],
    [true, { to: "/chapters", label: "Chapters" }],
    [true, { to: "/policy", label: "Policy" }],
    [hasStaffHome(actor), { to: "/staff", label: "Staff" }],
  ];
  return items.filter(([shown]) => shown).map(([, item]) => item);
}
