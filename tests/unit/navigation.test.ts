import { describe, expect, it } from "vitest";
import { mainNav, MAX_TOP_LEVEL_ITEMS, staffTools } from "../../app/accounts/navigation";
import type { Actor } from "../../app/accounts/permissions";
import type { Role } from "../../db/schema";

const person = (roles: Role[], extra: Partial<Actor> = {}): Actor => ({
  id: 1, name: "P", email: "p@example.com", title: "VP", company: "Co", roleLevel: "vp", memberType: "executive",
  status: "active", roles, presidentOf: [], chapterId: null, ...extra,
});

const MEMBER = ["Framework", "New thread", "Messages", "Members", "Chapters", "Policy"];
const cases: [string, Actor | null, string[], string[]][] = [
  ["anonymous", null, [], []],
  ["member", person(["member"]), MEMBER, []],
  ["consultant", person(["member"], { memberType: "consultant" }), MEMBER, []],
  ["chapter president", person(["member", "chapter_president"], { presidentOf: [7] }), [...MEMBER, "Staff"], ["Review queue"]],
  ["moderator", person(["member", "moderator"]), [...MEMBER, "Staff"], ["Applications", "Review queue", "Manage members"]],
  ["founder", person(["member", "founder"]), [...MEMBER, "Staff"],
    ["Applications", "Review queue", "Appeals", "Manage members", "Invitations", "Outbox", "Dashboard", "Moderation settings"]],
  ["revoked founder", person(["member", "founder"], { status: "revoked" }), [], []],
];

describe("the header's navigation", () => {
  it.each(cases)("%s", (_, actor, top, staff) => {
    expect(mainNav(actor).map((i) => i.label)).toEqual(top);
    expect(staffTools(actor).map((i) => i.label)).toEqual(staff);
    expect(mainNav(actor).length).toBeLessThanOrEqual(MAX_TOP_LEVEL_ITEMS);
  });
});
