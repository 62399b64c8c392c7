// The rules for email notifications, pure (no I/O, no clock of their own), with a table test in
// tests/unit/notification-rules.test.ts. app/forum/email-notifications.server.ts reads the facts
// (what is pending, read, visible, blocked; the member's choices; what was sent in the last hour)
// and asks planNotifications what to do now.
import type { NotifyChoice, NotifyKind } from "../../db/schema";

export const NOTIFY_KINDS = ["messages", "replies", "mentions", "moderation", "votes"] as const satisfies readonly NotifyKind[];
export const NOTIFY_CHOICES = ["immediate", "digest", "never"] as const satisfies readonly NotifyChoice[];
export type NotifyChoices = Record<NotifyKind, NotifyChoice>;
export const DEFAULT_CHOICES: NotifyChoices = { messages: "immediate", replies: "immediate", mentions: "immediate", moderation: "immediate", votes: "immediate" };

/** The kinds and choices in the member's words (the settings page, the emails' footers). */
export const KIND_LABELS: Record<NotifyKind, string> = {
  messages: "Direct messages",
  replies: "Replies in threads you started or follow",
  mentions: "@mentions of you",
  moderation: "Decisions on your held posts and flags",
  votes: "Policy votes opening",
};
export const CHOICE_LABELS: Record<NotifyChoice, string> = { immediate: "Right away", digest: "In the digest", never: "Never" };

/** The kinds set to "In the digest" that no email carries, because the member's digest is off. */
export function kindsUnreachedWithoutDigest(choices: NotifyChoices, digestFrequency: string): NotifyKind[] {
  return digestFrequency === "never" ? NOTIFY_KINDS.filter((kind) => choices[kind] === "digest") : [];
}

/** No more than this many notification emails per member in any 60 minutes; the rest wait. */
export const MAX_EMAILS_PER_HOUR = 3;
const HOUR_MS = 60 * 60_000;

/** A quiet-hours window in the member's time zone, as minutes after local midnight (may wrap midnight). */
export type QuietHours = { start: number; end: number; timeZone: string };

export type PendingItem = {
  id: number;
  kind: NotifyKind;
  dueAt: string;
  /** The member has seen it in the app already. */
  read: boolean;
  /** The member may still see it (published, in a thread they may read, still a participant). */
  visible: boolean;
  /** The member and its author have blocked each other (either way). */
  blocked: boolean;
};

export type DropReason = "read" | "hidden" | "blocked" | "never";
export type Plan = {
  /** One email per kind, each with its items (oldest first). */
  send: { kind: NotifyKind; ids: number[] }[];
  drop: { id: number; reason: DropReason }[];
  /** Kept for the member's next digest (their choice for the kind is "in the digest"). */
  digest: number[];
  /** When to look again at what is still pending (null: nothing is). */
  waitUntil: string | null;
};

/** Whether a time-zone name is one this runtime knows ("Europe/Paris", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

/** Minutes after local midnight at `now` in a time zone. */
export function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get("hour") * 60 + get("minute");
}

/** The end of the quiet window `now` falls in, or null when it is not quiet. */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet || quiet.start === quiet.end) return null;
  const minute = localMinutes(now, quiet.timeZone);
  const inside = quiet.start < quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
  if (!inside) return null;
  const left = (quiet.end - minute + 24 * 60) % (24 * 60);
  // Whole minutes from now, at the start of that minute (seconds dropped).
  const at = new Date(now.getTime() + left * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

/** When the next email may go out under the hourly limit, or null when one may go now. */
export function hourlyLimitUntil(sentAt: string[], now: Date, max = MAX_EMAILS_PER_HOUR): Date | null {
  const recent = sentAt.map((s) => new Date(s).getTime()).filter((t) => t > now.getTime() - HOUR_MS && t <= now.getTime()).sort((a, b) => a - b);
  if (recent.length < max) return null;
  return new Date(recent[recent.length - max]! + HOUR_MS);
}

/**
 * What to do with one member's pending notifications now. Each is dropped if read in the app, no
 * longer visible to them, from someone blocked, or of a kind they never get; one of a kind they get
 * in the digest is kept for their next digest. The rest go out once the oldest is due — all
 * together, one email per kind — unless it is their quiet hours or they have had their emails for
 * this hour; then they wait.
 */
export function planNotifications(input: { pending: PendingItem[]; choices: NotifyChoices; quiet: QuietHours | null; sentAt: string[]; now: Date }): Plan {
  const drop: Plan["drop"] = [];
  const digest: number[] = [];
  const keep: PendingItem[] = [];
  for (const item of input.pending) {
    const choice = input.choices[item.kind];
    const reason: DropReason | null = unavailableReason(item) ?? (choice === "never" ? "never" : null);
    if (reason) drop.push({ id: item.id, reason });
    else if (choice === "digest") digest.push(item.id);
    else keep.push(item);
  }
  if (!keep.length) return { send: [], drop, digest, waitUntil: null };
  const now = input.now.getTime();
  const firstDue = Math.min(...keep.map((i) => new Date(i.dueAt).getTime()));
  if (firstDue > now) return { send: [], drop, digest, waitUntil: new Date(firstDue).toISOString() };
  const quiet = quietUntil(input.now, input.quiet);
  const limited = hourlyLimitUntil(input.sentAt, input.now);
  const wait = [quiet, limited].filter((d): d is Date => d !== null);
  if (wait.length) return { send: [], drop, digest, waitUntil: new Date(Math.max(...wait.map((d) => d.getTime()))).toISOString() };
  const byKind = new Map<NotifyKind, number[]>();
  for (const item of [...keep].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id - b.id)) {
    byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item.id]);
  }
  // The hourly limit also caps one batch: kinds beyond what is left this hour wait for the next pass.
  const room = Math.max(1, MAX_EMAILS_PER_HOUR - input.sentAt.filter((s) => new Date(s).getTime() > now - HOUR_MS).length);
  const send = NOTIFY_KINDS.filter((k) => byKind.has(k)).slice(0, room).map((kind) => ({ kind, ids: byKind.get(kind)! }));
  return { send, drop, digest, waitUntil: null };
}

/**
 * Why a notification may not reach its member now, whatever they chose (the most important reason
 * first), or null: from someone blocked either way, no longer visible to them, or read in the app.
 * The pass and the digest both ask it at send time.
 */
export function unavailableReason(item: Pick<PendingItem, "read" | "visible" | "blocked">): "blocked" | "hidden" | "read" | null {
  return item.blocked ? "blocked" : !item.visible ? "hidden" : item.read ? "read" : null;
}

/** "HH:MM" → minutes after midnight, or null for an empty or malformed value. */
export function parseClock(value: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
export const formatClock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
