import { describe, expect, it } from "vitest";
import {
  evaluateLimit, evaluateSignIn, flaggingLimitFor, signInRefusalMessage, SIGN_IN_RULES, isInFirstWeek, MESSAGE_LIMIT, newConversationLimitFor, postingLimitFor, retryMessage, threadLimitFor,
} from "../../app/platform/limits";

const now = new Date("2026-11-23T12:00:00.000Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

describe("evaluateLimit", () => {
  const rule = { limit: 3, windowMinutes: 60 };
  it.each([
    ["no events", [], true, null],
    ["fewer than the limit", [minutesAgo(5), minutesAgo(10)], true, null],
    ["events outside the window do not count", [minutesAgo(5), minutesAgo(61), minutesAgo(90), minutesAgo(120)], true, null],
    // Three in the window: the third most recent (50 minutes ago) leaves the window in 10 minutes.
    ["at the limit: retry when the oldest counted event leaves the window", [minutesAgo(50), minutesAgo(5), minutesAgo(20)], false, "2026-11-23T12:10:00.000Z"],
    ["over the limit: retry when the limit-th most recent leaves", [minutesAgo(1), minutesAgo(2), minutesAgo(30), minutesAgo(55)], false, "2026-11-23T12:30:00.000Z"],
  ] as const)("%s", (_case, times, allowed, retryAt) => {
    const result = evaluateLimit([...times], rule, now);
    expect(result.allowed).toBe(allowed);
    expect(result.retryAt).toBe(retryAt);
  });
});

describe("retryMessage", () => {
  it("says what the person can do again, and when (UTC)", () => {
    expect(retryMessage(newConversationLimitFor({ memberType: "consultant" }), "2026-11-24T09:30:00.000Z"))
      .toBe("You have reached the limit of 3 a day. You can start another conversation after Nov 24, 2026, 09:30 AM UTC.");
    expect(retryMessage(MESSAGE_LIMIT, "2026-11-23T12:10:00.000Z")).toMatch(/^You have reached the limit of 30 an hour\. You can send another message after/);
  });
});

describe("first week", () => {
  it.each([
    ["joined an hour ago", minutesAgo(60), true],
    ["joined 6 days 23 hours ago", minutesAgo(7 * 24 * 60 - 60), true],
    ["joined exactly 7 days ago", daysAgo(7), false],
    ["joined a year ago", daysAgo(365), false],
  ] as const)("%s → %s", (_case, joinedAt, expected) => {
    expect(isInFirstWeek(joinedAt, now)).toBe(expected);
  });
});

describe("limits per member", () => {
  // [who, posts/hour, threads/day, flags/day]
  it.each([
    ["a member in their first week", daysAgo(2), 5, 3, 5],
    ["an established member", daysAgo(30), 20, 10, 20],
  ] as const)("%s", (_case, joinedAt, posts, threads, flags) => {
    const member = { joinedAt };
    expect(postingLimitFor(member, now)).toMatchObject({ limit: posts, windowMinutes: 60 });
    expect(threadLimitFor(member, now)).toMatchObject({ limit: threads, windowMinutes: 24 * 60 });
    expect(flaggingLimitFor(member, now)).toMatchObject({ limit: flags, windowMinutes: 24 * 60 });
  });

  it("new conversations: 10 a day for executives, 3 for consultants; every rule has its own key", () => {
    expect(newConversationLimitFor({ memberType: "executive" })).toMatchObject({ limit: 10, windowMinutes: 24 * 60 });
    expect(newConversationLimitFor({ memberType: "consultant" })).toMatchObject({ limit: 3, windowMinutes: 24 * 60 });
    const names = [MESSAGE_LIMIT, postingLimitFor({ joinedAt: daysAgo(1) }), threadLimitFor({ joinedAt: daysAgo(1) }), flaggingLimitFor({ joinedAt: daysAgo(1) }), newConversationLimitFor({ memberType: "executive" })].map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("evaluateSignIn: failed sign-ins per account and address, per address, and a per-account ceiling", () => {
  const times = (n: number, minutes: number) => Array.from({ length: n }, (_, i) => minutesAgo(minutes + i / 100));
  const none = { accountAndIp: [], ip: [], account: [] };
  it.each([
    ["no failures", none, false, null],
    ["4 from this address", { ...none, accountAndIp: times(4, 1), account: times(4, 1) }, false, null],
    ["5 from this address", { ...none, accountAndIp: times(5, 1), ip: times(5, 1), account: times(5, 1) }, false, "accountAndIp"],
    ["5 from this address, over 15 minutes ago", { ...none, accountAndIp: times(5, 16) }, false, null],
    ["30 from this address on any accounts", { ...none, ip: times(30, 1) }, false, "ip"],
    ["49 on this account from elsewhere", { ...none, account: times(49, 60) }, false, null],
    ["50 on this account from elsewhere today", { ...none, account: times(50, 60) }, false, "account"],
    ["50 on this account, in a browser that has signed in to it", { ...none, account: times(50, 60) }, true, null],
    ["a known browser still meets the per-address limit", { ...none, accountAndIp: times(5, 1), account: times(50, 60) }, true, "accountAndIp"],
    ["50 on this account, a day ago", { ...none, account: times(50, 24 * 60 + 1) }, false, null],
  ] as const)("%s", (_label, failures, knownBrowser, rule) => {
    const verdict = evaluateSignIn({ accountAndIp: [...failures.accountAndIp], ip: [...failures.ip], account: [...failures.account] }, knownBrowser, now);
    expect(verdict.allowed ? null : verdict.rule).toBe(rule);
  });

  it("when several limits are reached, names the one that lasts longest", () => {
    const verdict = evaluateSignIn({ accountAndIp: times(5, 1), ip: [], account: times(50, 60) }, false, now);
    expect(verdict).toMatchObject({ allowed: false, rule: "account" });
  });

  it("the ceiling is higher and slower than the per-address limit", () => {
    expect(SIGN_IN_RULES.account.limit).toBeGreaterThan(SIGN_IN_RULES.ip.limit);
    expect(SIGN_IN_RULES.account.windowMinutes).toBeGreaterThan(SIGN_IN_RULES.accountAndIp.windowMinutes);
  });

  it("says when to try again, and at the ceiling that a known browser still works", () => {
    expect(signInRefusalMessage({ rule: "ip", retryAt: "2026-11-23T12:15:00.000Z" })).toMatch(/try again after Nov 23, 2026, 12:15 PM UTC/);
    expect(signInRefusalMessage({ rule: "account", retryAt: "2026-11-24T12:00:00.000Z" })).toMatch(/a browser you have signed in with before can sign in now/);
  });
});
