// Full-text search over what a member may read: thread titles and post bodies, ranked with bm25.
// The index (posts_fts: FTS5 on SQLite, tsvector + GIN on PostgreSQL; engine SQL in search-index.server.ts)
// holds only published posts and is kept in step by triggers (db/migrations/2026-11-23-004-search.ts);
// thread visibility (status, chapter) is checked here, the same on both engines.
import { sql } from "kysely";
import type { Db } from "../platform/db.server";
import { Invalid } from "../platform/errors";
import { createVersionedCache } from "../platform/versioned-cache.server";
import type { Actor } from "../accounts/permissions";
import { MARK_OPEN, parseSearchQuery, snippetToHtml } from "./search-query";
import { searchIndex, type Scored, type ScoreMemo } from "./search-index.server";
import { POSTS_PER_PAGE, visibleThreads } from "./threads.server";

export const SEARCH_PAGE_SIZE = 20;
/** Ranked candidates fetched from the index before visibility and filters are applied (see below). */
const CANDIDATES = 400;

export type SearchFilters = {
  lifecycleArea?: string;
  discipline?: string;
  maturityStage?: string;
  /** Part of the author's name. */
  author?: string;
  authorId?: number;
  /** YYYY-MM-DD, inclusive, UTC. */
  from?: string;
  to?: string;
};

export type SearchResult = {
  postId: number;
  threadId: number;
  number: number;
  threadTitle: string;
  /** Thread title with hits in <mark> (escaped HTML), when the title matched. */
  titleHtml: string | null;
  /** Excerpt of the post with hits in <mark> (escaped HTML). */
  snippetHtml: string;
  authorName: string;
  authorId: number;
  createdAt: string;
  lifecycleArea: string;
  discipline: string;
  href: string;
};

export type SearchPage = { query: string; results: SearchResult[]; page: number; hasNext: boolean; searched: boolean };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function dayStart(day: string | undefined, plusDays = 0): string | undefined {
  if (!day || !DAY.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Date(date.getTime() + plusDays * 86_400_000).toISOString();
}

/** Link to a post on the right page of its thread. */
export const postHref = (threadId: number, number: number) =>
  `/threads/${threadId}?page=${Math.max(1, Math.ceil(number / POSTS_PER_PAGE))}#post-${number}`;

/**
 * One page of posts matching `query` that `actor` may read, best first. Never returns held, hidden,
 * removed or deleted posts, nor posts in threads that are not published or in a chapter the member
 * is not in. A query FTS5 cannot run becomes `Invalid` with a message for the member, never a 500.
 */
export async function searchPosts(db: Db, actor: Actor, query: string, filters: SearchFilters = {}, page = 1): Promise<SearchPage> {
  const parsed = parseSearchQuery(query);
  page = Number.isInteger(page) && page > 0 ? Math.min(page, 500) : 1;
  const q = searchIndex(db).queryText(parsed);
  if (!q) return { query, results: [], page, hasNext: false, searched: false };
  return searchFts(db, actor, q, query, filters, page);
}

/** searchPosts with the engine's query text already built (exported for tests of the error path). */
export async function searchFts(db: Db, actor: Actor, fts: string, query: string, filters: SearchFilters, page: number): Promise<SearchPage> {
  const offset = (page - 1) * SEARCH_PAGE_SIZE;
  const want = offset + SEARCH_PAGE_SIZE + 1;
  try {
    // Fast path: filter the best-ranked candidates only. If they yield enough visible results, those
    // are exactly the top results overall (anything ranked higher was a candidate). Otherwise run
    // the same query over every match, in SQL.
    const limit = Math.max(CANDIDATES, want * 4);
    const candidates = await rankedCandidates(db, fts, limit);
    let rows = await visibleAmong(db, actor, candidates.ids, filters, offset);
    if (!candidates.complete && rows.length < SEARCH_PAGE_SIZE + 1) rows = await rankedMatches(db, actor, fts, filters, offset);
    const hasNext = rows.length > SEARCH_PAGE_SIZE;
    const hits = rows.slice(0, SEARCH_PAGE_SIZE);
    const snippets = await snippetsFor(db, fts, hits.map((h) => h.post_id));
    const results = hits.map((h): SearchResult => {
      const s = snippets.get(h.post_id);
      return {
        postId: h.post_id,
        threadId: h.thread_id,
        number: h.number,
        threadTitle: h.thread_title,
        titleHtml: s?.title && s.title.includes(MARK_OPEN) ? snippetToHtml(s.title) : null,
        snippetHtml: snippetToHtml(s?.body ?? ""),
        authorName: h.author_name,
        authorId: h.author_id,
        createdAt: h.created_at,
        lifecycleArea: h.lifecycle_area,
        discipline: h.discipline,
        href: postHref(h.thread_id, h.number),
      };
    });
    return { query, results, page, hasNext, searched: true };
  } catch (error) {
    if (searchIndex(db).isSyntaxError(error)) {
      throw new Invalid("We could not understand that search. Try plain words, put a phrase in \"double quotes\", or end a word with * to match its beginning.", { q: "Check the search words." });
    }
    throw error;
  }
}

// ---- ranking ------------------------------------------------------------------------------------

/**
 * The best post ids for a query (a title hit worth ten body hits), from the index alone: at least `limit` of them, or
 * every match (`complete`). Ranking every match is the expensive part of a search (~2 µs a match, tens of thousands of
 * matches for common words on a million posts), so the ranked list is cached per query, with each post's score and the
 * index version (search_meta.version, bumped by the index's triggers on every change) it is exact for.
 * When the version has moved on (a new post, an edit, a deletion, a hold, a retitled thread), the cached list is brought
 * up to date from the change log (search_changes: which post each version touched) instead of ranking again: every
 * changed post leaves the list and, if it matches now, is re-scored and put back in its place, so a changed post never
 * keeps a stale rank. Visibility and filters are never cached; they are applied afterwards. What this approximates and
 * when it ranks from scratch instead: broughtUpToDate below, and the README (Search). Exported for tests.
 */
export async function rankedCandidates(db: Db, fts: string, limit: number): Promise<{ ids: number[]; complete: boolean }> {
  const meta = await sql<{ version: number }>`SELECT version FROM search_meta WHERE id = 1`.execute(db);
  const version = Number(meta.rows[0]?.version ?? -1);
  const usable = (r: Ranking) => r.complete || r.ids.length >= limit;
  const cached = candidates.peek(db, fts);
  if (cached && usable(cached.value)) {
    if (cached.version === version) {
      counters(db).cached++;
      return cached.value;
    }
    const merged = await broughtUpToDate(db, fts, cached.value, Number(cached.version), version);
    if (merged && usable(merged)) {
      counters(db).merged++;
      candidates.set(db, fts, version, merged, 16 * merged.ids.length);
      return merged;
    }
  }
  // A few more than asked for, so that posts leaving the list later (edited, held, deleted) seldom make it too short.
  const fetch = Math.ceil(limit * 1.25);
  const rows = await searchIndex(db).ranked(db, fts, fetch);
  const size = await db.selectFrom("posts").select((eb) => eb.fn.max("id").as("n")).executeTakeFirst();
  const ranking: Ranking = {
    ids: rows.map((r) => r.id), scores: rows.map((r) => r.score), complete: rows.length < fetch, memo: {},
    mergeUntil: version + Math.min(MERGED_CHANGES_LIMIT, Math.max(50, Math.floor(Number(size?.n ?? 0) / 100))),
  };
  counters(db).ranked++;
  candidates.set(db, fts, version, ranking, 16 * ranking.ids.length);
  return { ids: ranking.ids, complete: ranking.complete };
}

/** A query's ranking: ids best first with their scores (lower is better), exact at the version it is cached at. */
type Ranking = { ids: number[]; scores: number[]; complete: boolean; mergeUntil: number; memo: ScoreMemo };
/** Query → ranking at an index version: the 500 most recently used queries (their size is not the bound). */
const candidates = createVersionedCache<Ranking>({ maxEntries: 500, maxBytes: Number.POSITIVE_INFINITY });
/**
 * A cached ranking absorbs at most this many index changes, and at most one per hundred posts of the council (but 50
 * on any council), before it is ranked from scratch (see broughtUpToDate).
 */
export const MERGED_CHANGES_LIMIT = 500;

const stats = new WeakMap<Db, { cached: number; merged: number; ranked: number }>();
const counters = (db: Db) => {
  let c = stats.get(db);
  if (!c) stats.set(db, (c = { cached: 0, merged: 0, ranked: 0 }));
  return c;
};
/** How this process's searches on `db` got their rankings: cached as is, brought up to date, ranked from scratch. */
export const searchRankingStats = (db: Db) => ({ ...counters(db) });

/**
 * `ranking` (exact at index version `from`) brought to version `to`, or undefined when it must be ranked from scratch:
 * the log does not hold every version in between (it keeps the last 1000; a rebuild of the index logs nothing), or
 * the ranking has absorbed MERGED_CHANGES_LIMIT changes (fewer on a small council) since it was ranked.
 * Every post a change touched leaves the list; those that match now are scored again and merged in by score. A list
 * that is not complete is known only down to its last entry (the boundary): a changed post ranked below it stays out,
 * as it would be beyond a fresh list's end too. Exact except that bm25 (SQLite) weighs terms by collection statistics
 * (number of posts, average length, posts per term) which the new posts shift a little: unchanged posts keep the scores
 * of the statistics they were ranked with, and changed posts are scored with the statistics of the first merge that
 * scored any (search-index.server.ts, bm25Scores). PostgreSQL's ts_rank_cd uses no collection statistics: exact there.
 */
async function broughtUpToDate(db: Db, fts: string, ranking: Ranking, from: number, to: number): Promise<Ranking | undefined> {
  if (!(to > from) || to > ranking.mergeUntil) return undefined;
  const log = await db.selectFrom("search_changes").select("post_id")
    .where("version", ">", from).where("version", "<=", to).execute();
  if (log.length !== to - from) return undefined;
  const changed = new Set<number>();
  for (const row of log) if (row.post_id !== null) changed.add(Number(row.post_id));
  if (!changed.size) return { ...ranking };
  const rescored = (await searchIndex(db).scores(db, fts, [...changed], ranking.memo)).sort(byRank);
  const last = ranking.ids.length - 1;
  const boundary = ranking.complete || last < 0 ? undefined : { id: ranking.ids[last]!, score: ranking.scores[last]! };
  const ids: number[] = [];
  const scores: number[] = [];
  let j = 0;
  const add = (r: Scored) => { ids.push(r.id); scores.push(r.score); };
  for (let i = 0; i <= last; i++) {
    if (changed.has(ranking.ids[i]!)) continue;
    const kept = { id: ranking.ids[i]!, score: ranking.scores[i]! };
    while (j < rescored.length && byRank(rescored[j]!, kept) < 0) add(rescored[j++]!);
    add(kept);
  }
  for (; j < rescored.length; j++) if (!boundary || byRank(rescored[j]!, boundary) <= 0) add(rescored[j]!);
  return { ids, scores, complete: ranking.complete, mergeUntil: ranking.mergeUntil, memo: ranking.memo };
}

/** The index's order: lower score first, then the higher (newer) id. */
const byRank = (a: Scored, b: Scored) => a.score - b.score || b.id - a.id;

const resultColumns = [
  "posts.id as post_id", "posts.thread_id", "posts.number", "posts.created_at", "posts.author_id",
  "threads.title as thread_title", "threads.lifecycle_area", "threads.discipline", "people.name as author_name",
] as const;

function applyFilters<Q extends { where: (...args: any[]) => any }>(db: Db, query: Q, actor: Actor, f: SearchFilters): Q {
  const from = dayStart(f.from);
  const to = dayStart(f.to, 1);
  const author = f.author?.trim();
  let q: any = query.where("posts.status", "=", "published").where((eb: any) => visibleThreads(actor)(eb));
  if (f.lifecycleArea) q = q.where("threads.lifecycle_area", "=", f.lifecycleArea);
  if (f.discipline) q = q.where("threads.discipline", "=", f.discipline);
  if (f.maturityStage) q = q.where("threads.maturity_stage", "=", f.maturityStage);
  if (f.authorId) q = q.where("posts.author_id", "=", f.authorId);
  if (author) q = q.where(searchIndex(db).containsIgnoringCase("people.name", author));
  if (from) q = q.where("posts.created_at", ">=", from);
  if (to) q = q.where("posts.created_at", "<", to);
  return q as Q;
}

/**
 * Of the ranked candidate ids, the visible ones passing the filters, in rank order, one page (+1).
 * Checked in growing slices of the ranking, so a first page usually looks at a few dozen posts only.
 */
async function visibleAmong(db: Db, actor: Actor, ids: number[], f: SearchFilters, offset: number) {
  const need = offset + SEARCH_PAGE_SIZE + 1;
  const found: Awaited<ReturnType<typeof visibleSlice>> = [];
  let size = Math.max(50, need * 2);
  for (let start = 0; start < ids.length && found.length < need; start += size, size *= 2) {
    found.push(...(await visibleSlice(db, actor, ids.slice(start, start + size), f)));
  }
  return found.slice(offset, need);
}

async function visibleSlice(db: Db, actor: Actor, ids: number[], f: SearchFilters) {
  const rows = await applyFilters(db,
    db.selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .innerJoin("people", "people.id", "posts.author_id")
      .select(resultColumns)
      .where("posts.id", "in", ids),
    actor, f,
  ).execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.post_id)! - order.get(b.post_id)!);
}

/** The whole query in SQL, over every match (when filters exclude most of the best candidates). */
async function rankedMatches(db: Db, actor: Actor, fts: string, f: SearchFilters, offset: number) {
  return applyFilters(db,
    db.with("hits", () => searchIndex(db).hits(db, fts))
      .selectFrom("hits")
      .innerJoin("posts", "posts.id", "hits.id")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .innerJoin("people", "people.id", "posts.author_id")
      .select(resultColumns)
      .orderBy("hits.score")
      .orderBy("posts.id", "desc")
      .limit(SEARCH_PAGE_SIZE + 1)
      .offset(offset),
    actor, f,
  ).execute();
}

/** Highlighted title and body excerpt for each post, computed only for the page being shown. */
const snippetsFor = (db: Db, fts: string, postIds: number[]) => searchIndex(db).snippets(db, fts, postIds);
