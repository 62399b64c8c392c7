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
import { searchIndex } from "./search-index.server";
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
    let rows = await visibleAmong(db, actor, candidates, filters, offset);
    if (candidates.length === limit && rows.length < SEARCH_PAGE_SIZE + 1) rows = await rankedMatches(db, actor, fts, filters, offset);
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
 * The best `limit` post ids for a query (a title hit worth ten body hits), from the index alone.
 * Ranking every match is the expensive part of a search (~2 µs a match, tens of thousands of matches
 * for common words on a million posts), so the ranked list is cached per query. The cache is exact:
 * every change to the index bumps search_meta.version (triggers), and an entry is used only for the
 * version it was computed at. Visibility and filters are never cached; they are applied afterwards.
 */
async function rankedCandidates(db: Db, fts: string, limit: number): Promise<number[]> {
  const meta = await sql<{ version: number }>`SELECT version FROM search_meta WHERE id = 1`.execute(db);
  const version = Number(meta.rows[0]?.version ?? -1);
  const cached = candidates.get(db, fts, version);
  if (cached && (cached.ids.length >= limit || cached.complete)) return cached.ids.slice(0, limit);
  const ids = await searchIndex(db).rankedIds(db, fts, limit);
  candidates.set(db, fts, version, { ids, complete: ids.length < limit }, 8 * ids.length);
  return ids;
}
/** Query → ranked ids at an index version: the 500 most recently used queries (their size is not the bound). */
const candidates = createVersionedCache<{ ids: number[]; complete: boolean }>({ maxEntries: 500, maxBytes: Number.POSITIVE_INFINITY });

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
