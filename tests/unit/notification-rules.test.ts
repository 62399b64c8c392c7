// The email-notification rules as tables: what is dropped, when a batch goes, quiet hours in the
// member's time zone, and the hourly limit.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CHOICES, hourlyLimitUntil, kindsUnreachedWithoutDigest, localMinutes, MAX_EMAILS_PER_HOUR, parseClock, planNotifications, quietUntil, unavailableReason, type PendingItem,
} from "../../app/forum/notification-rules";

const NOW = new Date("2026-12-01T12:00:00.000Z");
const min = (m: number) => new Date(NOW.getTime() + m * 60_000).toISOString();
const item = (o: Partial<PendingItem> & { id: number }): PendingItem => ({ kind: "messages", dueAt: min(-1), read: false, visible: true, blocked: false, ...o });
const plan = (pending: PendingItem[], o: Partial<Parameters<typeof planNotifications>[0]> = {}) =>
  planNotifications({ pending, choices: DEFAULT_CHOICES, quiet: null, sentAt: [], now: NOW, ...o });

describe("what is dropped", () => {
  it.each([
    ["read in the app first", { read: true }, "read"],
    ["no longer visible (held, removed, chapter-only)", { visible: false }, "hidden"],
    ["from a blocked member (even if unread and visible)", { blocked: true }, "blocked"],
  ] as const)("%s", (_, o, reason) => {
    expect(plan([item({ id: 1, ...o })])).toEqual({ send: [], drop: [{ id: 1, reason }], digest: [], waitUntil: null });
  });

  it("a kind the member never gets", () => {
    const result = plan([item({ id: 1, kind: "replies" })], { choices: { ...DEFAULT_CHOICES, replies: "never" } });
    expect(result.drop).toEqual([{ id: 1, reason: "never" }]);
    expect(result.send).toEqual([]);
  });

  it("a kind the member gets in the digest is kept for the digest, not emailed, even before it is due", () => {
    const choices = { ...DEFAULT_CHOICES, replies: "digest" as const };
    expect(plan([item({ id: 1, kind: "replies" }), item({ id: 2, kind: "messages" })], { choices }))
      .toEqual({ send: [{ kind: "messages", ids: [2] }], drop: [], digest: [1], waitUntil: null });
    expect(plan([item({ id: 1, kind: "replies", dueAt: min(5) })], { choices })).toEqual({ send: [], drop: [], digest: [1], waitUntil: null });
  });

  it("in the digest or not, a read, hidden or blocked notification is dropped", () => {
    const choices = { ...DEFAULT_CHOICES, replies: "digest" as const };
    expect(plan([item({ id: 1, kind: "replies", visible: false })], { choices })).toMatchObject({ drop: [{ id: 1, reason: "hidden" }], digest: [] });
  });

  it.each([
    [{ read: false, visible: true, blocked: false }, null],
    [{ read: true, visible: true, blocked: false }, "read"],
    [{ read: true, visible: false, blocked: false }, "hidden"],
    [{ read: true, visible: false, blocked: true }, "blocked"],
  ] as const)("unavailableReason(%o) is %s", (facts, reason) => {
    expect(unavailableReason(facts)).toBe(reason);
  });

  it("blocked wins over read and hidden (the most important reason is recorded)", () => {
    expect(plan([item({ id: 1, blocked: true, read: true, visible: false })]).drop[0]!.reason).toBe("blocked");
  });
});

describe("delay and batching", () => {
  it("waits until the first notification is due", () => {
    expect(plan([item({ id: 1, dueAt: min(5) })])).toEqual({ send: [], drop: [], digest: [], waitUntil: min(5) });
  });

  it("sends everything pending together once the oldest is due, one email per kind, oldest first", () => {
    const result = plan([
      item({ id: 3, kind: "replies", dueAt: min(4) }), item({ id: 1, dueAt: min(-2) }), item({ id: 2, dueAt: min(3) }), item({ id: 4, kind: "mentions", dueAt: min(-1) }),
    ]);
    expect(result.send).toEqual([{ kind: "messages", ids: [1, 2] }, { kind: "replies", ids: [3] }, { kind: "mentions", ids: [4] }]);
    expect(result.waitUntil).toBeNull();
  });

  it("drops the read one and sends the rest of the batch", () => {
    const result = plan([item({ id: 1, read: true }), item({ id: 2 })]);
    expect(result).toEqual({ send: [{ kind: "messages", ids: [2] }], drop: [{ id: 1, reason: "read" }], digest: [], waitUntil: null });
  });
});

describe("quiet hours in the member's time zone", () => {
  // 12:00 UTC is 13:00 in Paris (winter), 07:00 in New York, 21:00 in Tokyo.
  it.each([
    ["Europe/Paris", 13 * 60],
    ["America/New_York", 7 * 60],
    ["Asia/Tokyo", 21 * 60],
    ["UTC", 12 * 60],
  ])("local time in %s", (zone, minutes) => {
    expect(localMinutes(NOW, zone)).toBe(minutes);
  });

  it.each([
    ["inside a window across midnight (22:00–07:30 in Tokyo, 21:00 there)", { start: 20 * 60, end: 7 * 60 + 30, timeZone: "Asia/Tokyo" }, min(10 * 60 + 30)],
    ["inside a same-day window (06:00–08:00 in New York, 07:00 there)", { start: 6 * 60, end: 8 * 60, timeZone: "America/New_York" }, min(60)],
    ["outside the window (22:00–07:00 in Paris, 13:00 there)", { start: 22 * 60, end: 7 * 60, timeZone: "Europe/Paris" }, null],
    ["an empty window (start = end)", { start: 60, end: 60, timeZone: "UTC" }, null],
  ] as const)("%s", (_, quiet, until) => {
    expect(quietUntil(NOW, quiet)?.toISOString() ?? null).toBe(until);
  });

  it("a due batch waits for the end of quiet hours", () => {
    const result = plan([item({ id: 1 })], { quiet: { start: 6 * 60, end: 8 * 60, timeZone: "America/New_York" } });
    expect(result).toEqual({ send: [], drop: [], digest: [], waitUntil: min(60) });
  });

  it("quiet hours never hold back a drop", () => {
    const result = plan([item({ id: 1, read: true })], { quiet: { start: 6 * 60, end: 8 * 60, timeZone: "America/New_York" } });
    expect(result.drop).toEqual([{ id: 1, reason: "read" }]);
  });
});

describe("at most a few emails per hour", () => {
  it(`allows ${MAX_EMAILS_PER_HOUR} in any 60 minutes, then waits until the oldest of them is an hour old`, () => {
    expect(hourlyLimitUntil([min(-50), min(-20)], NOW)).toBeNull();
    expect(hourlyLimitUntil([min(-50), min(-20), min(-5)], NOW)?.toISOString()).toBe(min(10));
    expect(hourlyLimitUntil([min(-90), min(-20), min(-5)], NOW)).toBeNull();
  });

  it("excess waits for the next batch", () => {
    expect(plan([item({ id: 1 })], { sentAt: [min(-50), min(-20), min(-5)] })).toEqual({ send: [], drop: [], digest: [], waitUntil: min(10) });
  });

  it("a batch with more kinds than the hour has room for sends the first kinds and leaves the rest pending", () => {
    const result = plan([item({ id: 1 }), item({ id: 2, kind: "replies" }), item({ id: 3, kind: "votes" })], { sentAt: [min(-30), min(-10)] });
    expect(result.send).toEqual([{ kind: "messages", ids: [1] }]);
  });
});

describe("clock fields", () => {
  it.each([["22:00", 1320], ["7:30", 450], ["00:00", 0], ["24:00", null], ["", null], ["noon", null]])("%s", (value, minutes) => {
    expect(parseClock(value)).toBe(minutes);
  });
});

describe("kinds that no email carries", () => {
  it.each([
    ["digest off: the kinds set to 'in the digest'", "never", ["replies"]],
    ["weekly digest: none", "weekly", []],
    ["monthly digest: none", "monthly", []],
  ] as const)("%s", (_, frequency, expected) => {
    expect(kindsUnreachedWithoutDigest({ ...DEFAULT_CHOICES, replies: "digest", votes: "never" }, frequency)).toEqual(expected);
  });
});
