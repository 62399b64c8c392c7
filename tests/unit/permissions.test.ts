import { describe, expect, it } from "vitest";
import { ACTIONS, can, hasReviewQueue, needsTwoFactorEnrolment, STAFF_ACTIONS, type Action, type Actor } from "../../app/accounts/permissions";
import type { Role } from "../../db/schema";

const person = (id: number, roles: Role[], extra: Partial<Actor> = {}): Actor => ({
  id, name: `P${id}`, email: `p${id}@example.com`, title: "VP", company: `Co${id}`, roleLevel: "vp", memberType: "executive",
  status: "active", roles, presidentOf: [], chapterId: null, ...extra,
});

const member = person(1, ["member"]);
const moderator = person(2, ["member", "moderator"]);
const president = person(3, ["member", "chapter_president"], { presidentOf: [7], chapterId: 7 });
const founder = person(4, ["member", "founder"]);
const revoked = person(5, ["member", "moderator", "founder"], { status: "revoked" });
const suspended = person(6, ["member"], { status: "suspended" });

// Expected answers with no particular subject: [anonymous, member, moderator, chapter president, founder, revoked].
const table: [Action, boolean, boolean, boolean, boolean, boolean, boolean][] = [
  ["read_council", false, true, true, true, true, false],
  ["start_thread", false, true, true, true, true, false],
  ["reply", false, true, true, true, true, false],
  ["send_message", false, true, true, true, true, false],
  ["review_applications", false, false, true, false, true, false],
  ["decide_application", false, false, true, false, true, false],
  ["moderate", false, false, true, false, true, false],
  ["revoke_membership", false, false, true, false, true, false],
  ["issue_invitations", false, false, false, false, true, false],
  ["manage_policy", false, false, false, false, true, false],
  ["appoint_moderators", false, false, false, false, true, false],
  ["view_outbox", false, false, false, false, true, false],
  ["view_dashboard", false, false, false, false, true, false],
  ["edit_framework", false, false, false, false, true, false],
  ["decide_appeals", false, false, false, false, true, false],
  ["edit_post", false, false, false, false, false, false],
  ["flag_post", false, true, true, true, true, false],
  ["manage_moderation", false, false, false, false, true, false],
  ["lift_suspension", false, false, false, false, true, false],
  ["manage_chapters", false, false, false, false, true, false],
  ["manage_gatherings", false, false, false, false, true, false],
  ["propose_policy", false, true, true, true, true, false],
  ["second_proposal", false, true, true, true, true, false],
  ["vote_policy", false, true, true, true, true, false],
  ["manage_own_account", false, true, true, true, true, false],
  ["verify_job_changes", false, false, true, false, true, false],
  ["verify_email_changes", false, false, true, false, true, false],
  ["reset_two_factor", false, false, false, false, true, false],
  // A founder resigns only when another founder stays (activeFounders given below).
  ["resign_membership", false, true, true, true, false, false],
  ["receive_notifications", false, true, true, true, true, false],
  ["reply_by_email", false, true, true, true, true, false],
];

describe("can(actor, action) by role", () => {
  it("covers every action", () => {
    expect(table.map((r) => r[0]).sort()).toEqual([...ACTIONS].sort());
  });
  it.each(table)("%s: anonymous %s, member %s, moderator %s, chapter president %s, founder %s, revoked %s", (action, anon, mem, mod, pres, fou, rev) => {
    expect([can(null, action), can(member, action), can(moderator, action), can(president, action), can(founder, action), can(revoked, action)])
      .toEqual([anon, mem, mod, pres, fou, rev]);
  });
  it.each(ACTIONS)("a suspended member may not %s", (action) => {
    expect(can(suspended, action, { authorId: suspended.id })).toBe(false);
  });
});

describe("can(actor, action, subject)", () => {
  it.each([
    ["the author edits their own post", member, "edit_post", { authorId: 1 }, true],
    ["a member seconds another member's proposal", member, "second_proposal", { authorId: 4 }, true],
    ["no one seconds their own proposal", member, "second_proposal", { authorId: 1 }, false],
    ["no one edits another's post", founder, "edit_post", { authorId: 1 }, false],
    ["a moderator does not moderate their own post", moderator, "moderate", { authorId: 2 }, false],
    ["a founder does not moderate their own post", founder, "moderate", { authorId: 4 }, false],
    ["a chapter president moderates their chapter", president, "moderate", { authorId: 1, chapterId: 7 }, true],
    ["a chapter president does not moderate another chapter", president, "moderate", { authorId: 1, chapterId: 8 }, false],
    ["a chapter president does not moderate council-wide posts", president, "moderate", { authorId: 1, chapterId: null }, false],
    ["a chapter president manages their chapter's gatherings", president, "manage_gatherings", { chapterId: 7 }, true],
    ["a chapter president does not manage another chapter's gatherings", president, "manage_gatherings", { chapterId: 8 }, false],
    ["a founder manages any chapter's gatherings", founder, "manage_gatherings", { chapterId: 8 }, true],
    ["a moderator does not manage gatherings", moderator, "manage_gatherings", { chapterId: 7 }, false],
    ["no one decides their own application", moderator, "decide_application", { applicantEmail: "P2@example.com" }, false],
    ["no one decides an application they referred", founder, "decide_application", { applicantEmail: "x@y.com", referredBy: "p4@example.com" }, false],
    ["a moderator decides someone else's application", moderator, "decide_application", { applicantEmail: "x@y.com", referredBy: "someone else" }, true],
    ["no one revokes themselves", founder, "revoke_membership", { personId: 4 }, false],
    ["a moderator revokes another member", moderator, "revoke_membership", { personId: 1 }, true],
    ["a moderator revokes a member (roles given)", moderator, "revoke_membership", { personId: 1, personRoles: ["member"], activeFounders: 2 }, true],
    ["a moderator does not revoke another moderator", moderator, "revoke_membership", { personId: 9, personRoles: ["member", "moderator"], activeFounders: 2 }, false],
    ["a moderator does not revoke a chapter president", moderator, "revoke_membership", { personId: 3, personRoles: ["member", "chapter_president"], activeFounders: 2 }, false],
    ["a moderator does not revoke a founder", moderator, "revoke_membership", { personId: 4, personRoles: ["member", "founder"], activeFounders: 2 }, false],
    ["a founder revokes a moderator", founder, "revoke_membership", { personId: 2, personRoles: ["member", "moderator"], activeFounders: 2 }, true],
    ["a founder revokes a chapter president", founder, "revoke_membership", { personId: 3, personRoles: ["member", "chapter_president"], activeFounders: 2 }, true],
    ["a founder revokes another founder", founder, "revoke_membership", { personId: 9, personRoles: ["member", "founder"], activeFounders: 2 }, true],
    ["no one revokes the last active founder", founder, "revoke_membership", { personId: 9, personRoles: ["member", "founder"], activeFounders: 1 }, false],
    ["a founder is not revoked when the count of founders is not given", founder, "revoke_membership", { personId: 9, personRoles: ["member", "founder"] }, false],
    ["a chapter president revokes no one", president, "revoke_membership", { personId: 1, personRoles: ["member"], activeFounders: 2 }, false],
    ["a member flags someone else's post", member, "flag_post", { authorId: 2 }, true],
    ["no one flags their own post", founder, "flag_post", { authorId: 4 }, false],
    ["a founder lifts another member's suspension", founder, "lift_suspension", { personId: 1 }, true],
    ["no one lifts their own suspension", founder, "lift_suspension", { personId: 4 }, false],
    ["a moderator does not lift suspensions", moderator, "lift_suspension", { personId: 1 }, false],
    ["a moderator verifies another member's job change", moderator, "verify_job_changes", { personId: 1 }, true],
    ["no one verifies their own job change", founder, "verify_job_changes", { personId: 4 }, false],
    ["a moderator decides another member's email change", moderator, "verify_email_changes", { personId: 1 }, true],
    ["no one decides their own email change", moderator, "verify_email_changes", { personId: 2 }, false],
    ["a founder resets another member's two-factor", founder, "reset_two_factor", { personId: 1 }, true],
    ["no one resets their own two-factor", founder, "reset_two_factor", { personId: 4 }, false],
    ["a founder resigns while another founder stays", founder, "resign_membership", { activeFounders: 2 }, true],
    ["the last active founder cannot resign", founder, "resign_membership", { activeFounders: 1 }, false],
    ["a member resigns whatever the count of founders", member, "resign_membership", { activeFounders: 1 }, true],
  ] as const)("%s", (_label, actor, action, subject, expected) => {
    expect(can(actor, action, subject)).toBe(expected);
  });
});

describe("hasReviewQueue", () => {
  it.each([
    ["anonymous", null, false], ["member", member, false], ["moderator", moderator, true], ["chapter president", president, true],
    ["founder", founder, true], ["revoked founder", revoked, false],
  ] as const)("%s: %s", (_label, actor, expected) => {
    expect(hasReviewQueue(actor)).toBe(expected);
  });
});

describe("two-factor sign-in is required for staff pages in production mode only", () => {
  const enrolled = (a: Actor): Actor => ({ ...a, twoFactorEnabled: true });
  it.each([
    ["a founder without two-factor, production", founder, "production", true],
    ["a moderator without two-factor, production", moderator, "production", true],
    ["a chapter president without two-factor, production", president, "production", true],
    ["a founder with two-factor, production", enrolled(founder), "production", false],
    ["a founder without two-factor, demo", founder, "demo", false],
  ] as const)("%s → sent to enrolment: %s", (_label, actor, mode, expected) => {
    const staffAction: Action = actor === president ? "manage_gatherings" : "review_applications";
    expect(needsTwoFactorEnrolment(actor, staffAction, mode)).toBe(expected);
  });
  it.each(ACTIONS.filter((a) => !STAFF_ACTIONS.has(a)))("a founder's member page %s never waits for enrolment", (action) => {
    expect(needsTwoFactorEnrolment(founder, action, "production")).toBe(false);
  });
  it("plain members are never required to enrol", () => {
    expect([...STAFF_ACTIONS].some((a) => needsTwoFactorEnrolment(member, a, "production"))).toBe(false);
  });
});
