// The founders' dashboard: the health of the council in plain arrays, for the charts, their tables
// and the CSV exports. Portable SQL only (group by and counts); dates are bucketed in JS from ISO strings.
import type { ApplicationStatus } from "../../db/schema";
import { backupStatus } from "../platform/backup.server";
import { ROLE_LEVELS, MEMBER_TYPES } from "../../db/schema";
import type { Db } from "../platform/db.server";
import { toCsv } from "../platform/csv";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "../forum/framework";
import { getCurrentPolicy } from "../membership/policy.server";
import { addDays } from "../platform/time";
import { MODERATION_SERIES, type Count, type ModerationKey, type ModerationWeek } from "./dashboard";

export { MODERATION_SERIES, type Count, type ModerationKey, type ModerationWeek };

const DAY = 86_400_000;
export const ACTIVITY_DAYS = 90;
export const MODERATION_WEEKS = 12;

const countBy = <K extends string | number>(rows: { key: K | null; n: number | string | bigint }[]) =>
  new Map(rows.map((r) => [r.key, Number(r.n)]));

/** Active members by role level, every level listed (zero included), senior first. */
export async function membersByRoleLevel(db: Db): Promise<Count[]> {
  const rows = await db.selectFrom("people").select((eb) => ["role_level as key", eb.fn.countAll<number>().as("n")])
    .where("status", "=", "active").groupBy("role_level").execute();
  const counts = countBy(rows);
  return ROLE_LEVELS.map((key) => ({ key, label: ROLE_LEVEL_LABELS[key], count: counts.get(key) ?? 0 }));
}

export async function membersByMemberType(db: Db): Promise<Count[]> {
  const rows = await db.selectFrom("people").select((eb) => ["member_type as key", eb.fn.countAll<number>().as("n")])
    .where("status", "=", "active").groupBy("member_type").execute();
  const counts = countBy(rows);
  return MEMBER_TYPES.map((key) => ({ key, label: MEMBER_TYPE_LABELS[key], count: counts.get(key) ?? 0 }));
}

/** Active members per chapter (every chapter, by name), then those in no chapter. */
export async function membersByChapter(db: Db): Promise<Count[]> {
  const [chapters, rows] = await Promise.all([
    db.selectFrom("chapters").select(["id", "slug", "name"]).orderBy("name").execute(),
    db.selectFrom("people").select((eb) => ["chapter_id as key", eb.fn.countAll<number>().as("n")])
      .where("status", "=", "active").groupBy("chapter_id").execute(),
  ]);
  const counts = countBy(rows);
  return [
    ...chapters.map((c) => ({ key: c.slug, label: c.name, count: counts.get(c.id) ?? 0 })),
    { key: "none", label: "No chapter", count: counts.get(null) ?? 0 },
  ];
}

const FUNNEL: [key: "applied" | ApplicationStatus, label: string][] = [
  ["applied", "Applied"], ["approved", "Approved"], ["rejected", "Rejected"], ["expired", "Expired"], ["withdrawn", "Withdrawn"], ["pending", "Pending"],
];

/** Every application ever made, and where each one is now. */
export async function applicationFunnel(db: Db): Promise<Count[]> {
  const rows = await db.selectFrom("applications").select((eb) => ["status as key", eb.fn.countAll<number>().as("n")]).groupBy("status").execute();
  const counts = countBy(rows);
  const applied = [...counts.values()].reduce((a, b) => a + b, 0);
  return FUNNEL.map(([key, label]) => ({ key, label, count: key === "applied" ? applied : counts.get(key) ?? 0 }));
}

/** The value at quantile q (0–1) of sorted numbers: nearest rank for p90; the median averages the middle two. */
export function quantile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  if (q === 0.5 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export type TimeToDecision = {
  reviewWindowDays: number;
  decided: number;
  medianDays: number | null;
  p90Days: number | null;
  decidedWithinWindow: number;
  /** Share (0–1) of decisions made by the date promised to the applicant; null when none yet. */
  withinWindowShare: number | null;
  /** Pending applications past their promised date. */
  overdue: number;
};

/** How long applicants wait for a decision, against the review window the policy promises them. */
export async function timeToDecision(db: Db, now = new Date()): Promise<TimeToDecision> {
  const [policy, decided, overdue] = await Promise.all([
    getCurrentPolicy(db),
    db.selectFrom("applications").select(["created_at", "decided_at", "due_at"])
      .where("status", "in", ["approved", "rejected"]).where("decided_at", "is not", null).execute(),
    db.selectFrom("applications").select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending").where("due_at", "<", now.toISOString()).executeTakeFirstOrThrow(),
  ]);
  const days = decided.map((a) => (Date.parse(a.decided_at!) - Date.parse(a.created_at)) / DAY).sort((a, b) => a - b);
  const within = decided.filter((a) => a.decided_at! <= a.due_at).length;
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return {
    reviewWindowDays: policy.rules.reviewWindowDays,
    decided: decided.length,
    medianDays: round(quantile(days, 0.5)),
    p90Days: round(quantile(days, 0.9)),
    decidedWithinWindow: within,
    withinWindowShare: decided.length ? within / decided.length : null,
    overdue: Number(overdue.n),
  };
}

/** Monday 00:00 UTC of the week `iso` falls in, as YYYY-MM-DD. */
export function weekStart(iso: string | Date): string {
  const d = new Date(iso);
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
  return monday.toISOString().slice(0, 10);
}

/**
 * THE MODERATION SERIES, in one place. Posts held by the pitch check come from `posts` (held when
 * written); hiding by flags, upheld flags and strikes are counted from the audit log when they happened
 * ("post.hidden", "flag.upheld", "strike.recorded"), so a post later restored still counts in its week.
 */

const AUDITED_SERIES: Record<string, ModerationKey> = { "post.hidden": "hidden", "flag.upheld": "flagsUpheld", "strike.recorded": "strikes" };

async function moderationEvents(db: Db, since: string): Promise<{ key: ModerationKey; at: string }[]> {
  const [held, audit] = await Promise.all([
    // Held when written (still held, or since published or rejected): the pitch check left its reasons.
    db.selectFrom("posts").select("created_at as at").where("created_at", ">=", since)
      .where((eb) => eb.or([eb("status", "=", "held"), eb("hold_reasons", "is not", null)])).execute(),
    db.selectFrom("audit_log").select(["action", "at"]).where("at", ">=", since).where("action", "in", Object.keys(AUDITED_SERIES)).execute(),
  ]);
  return [
    ...held.map((r) => ({ key: "held" as const, at: r.at })),
    ...audit.map((r) => ({ key: AUDITED_SERIES[r.action], at: r.at })),
  ];
}

/** Held posts, hidden posts, upheld flags and strikes per week, for the last 12 weeks (oldest first). */
export async function moderationByWeek(db: Db, now = new Date(), weeks = MODERATION_WEEKS): Promise<ModerationWeek[]> {
  const current = weekStart(now);
  const starts = Array.from({ length: weeks }, (_, i) => addDays(new Date(`${current}T00:00:00Z`), -7 * (weeks - 1 - i)).toISOString().slice(0, 10));
  const buckets = new Map(starts.map((w) => [w, { weekStart: w, held: 0, hidden: 0, flagsUpheld: 0, strikes: 0 } as ModerationWeek]));
  for (const e of await moderationEvents(db, `${starts[0]}T00:00:00.000Z`)) {
    const bucket = buckets.get(weekStart(e.at));
    if (bucket) bucket[e.key]++;
  }
  return [...buckets.values()];
}

export type CellActivity = { lifecycleArea: string; areaName: string; discipline: string; disciplineName: string; threads: number; posts: number };

/** New threads and posts per lifecycle area × discipline in the last 90 days (every cell, zeros included). */
export async function activityByCell(db: Db, now = new Date(), days = ACTIVITY_DAYS): Promise<CellActivity[]> {
  const since = addDays(now, -days).toISOString();
  const [areas, disciplines, threads, posts] = await Promise.all([
    db.selectFrom("lifecycle_areas").select(["key", "name"]).orderBy("position").execute(),
    db.selectFrom("disciplines").select(["key", "name"]).orderBy("position").execute(),
    db.selectFrom("threads").select((eb) => ["lifecycle_area", "discipline", eb.fn.countAll<number>().as("n")])
      .where("status", "=", "published").where("created_at", ">=", since).groupBy(["lifecycle_area", "discipline"]).execute(),
    db.selectFrom("posts").innerJoin("threads", "threads.id", "posts.thread_id")
      .select((eb) => ["threads.lifecycle_area", "threads.discipline", eb.fn.countAll<number>().as("n")])
      .where("posts.status", "=", "published").where("threads.status", "=", "published").where("posts.created_at", ">=", since)
      .groupBy(["threads.lifecycle_area", "threads.discipline"]).execute(),
  ]);
  const cell = (rows: { lifecycle_area: string; discipline: string; n: number }[]) =>
    new Map(rows.map((r) => [`${r.lifecycle_area}:${r.discipline}`, Number(r.n)]));
  const t = cell(threads);
  const p = cell(posts);
  return areas.flatMap((a) => disciplines.map((d) => ({
    lifecycleArea: a.key, areaName: a.name, discipline: d.key, disciplineName: d.name,
    threads: t.get(`${a.key}:${d.key}`) ?? 0, posts: p.get(`${a.key}:${d.key}`) ?? 0,
  })));
}

/** Everything the dashboard page shows. */
export async function getDashboard(db: Db, now = new Date()) {
  const [roleLevels, memberTypes, chapters, funnel, decisions, moderation, activity] = await Promise.all([
    membersByRoleLevel(db), membersByMemberType(db), membersByChapter(db), applicationFunnel(db),
    timeToDecision(db, now), moderationByWeek(db, now), activityByCell(db, now),
  ]);
  const backup = await backupStatus(db, now);
  return { roleLevels, memberTypes, chapters, funnel, decisions, moderation, activity, backup, generatedAt: now.toISOString() };
}

// ---- CSV exports: one per chart --------------------------------------------------------------------

type CsvCell = string | number | null;

const counts = (rows: Count[], name: string): [string[], CsvCell[][]] => [[name, "members"], rows.map((r) => [r.label, r.count])];

export const DATASETS = {
  "members-by-role-level": async (db: Db) => counts(await membersByRoleLevel(db), "role level"),
  "members-by-member-type": async (db: Db) => counts(await membersByMemberType(db), "member type"),
  "members-by-chapter": async (db: Db) => counts(await membersByChapter(db), "chapter"),
  "application-funnel": async (db: Db): Promise<[string[], CsvCell[][]]> =>
    [["stage", "applications"], (await applicationFunnel(db)).map((r) => [r.label, r.count])],
  "time-to-decision": async (db: Db, now: Date): Promise<[string[], CsvCell[][]]> => {
    const d = await timeToDecision(db, now);
    return [["measure", "value"], [
      ["review window promised (days)", d.reviewWindowDays], ["decisions", d.decided], ["median days to decision", d.medianDays],
      ["90th percentile days to decision", d.p90Days], ["decided within the window", d.decidedWithinWindow],
      ["share decided within the window", d.withinWindowShare === null ? null : Math.round(d.withinWindowShare * 1000) / 1000],
      ["pending and overdue", d.overdue],
    ]];
  },
  "moderation-by-week": async (db: Db, now: Date): Promise<[string[], CsvCell[][]]> =>
    [["week starting", ...MODERATION_SERIES.map((s) => s.label.toLowerCase())],
      (await moderationByWeek(db, now)).map((w) => [w.weekStart, ...MODERATION_SERIES.map((s) => w[s.key])])],
  "activity-by-cell": async (db: Db, now: Date): Promise<[string[], CsvCell[][]]> =>
    [["lifecycle area", "discipline", `threads (last ${ACTIVITY_DAYS} days)`, `posts (last ${ACTIVITY_DAYS} days)`],
      (await activityByCell(db, now)).map((c) => [c.areaName, c.disciplineName, c.threads, c.posts])],
} satisfies Record<string, (db: Db, now: Date) => Promise<[string[], CsvCell[][]]>>;
export type DatasetName = keyof typeof DATASETS;
export const isDatasetName = (name: string): name is DatasetName => Object.hasOwn(DATASETS, name);

/** One chart's numbers as CSV. */
export async function datasetCsv(db: Db, name: DatasetName, now = new Date()): Promise<string> {
  const [columns, rows] = await DATASETS[name](db, now);
  return toCsv([columns, ...rows]);
}
