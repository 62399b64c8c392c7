// The search index, per engine: the one place that writes engine-specific search SQL.
// SQLite: FTS5 (posts_fts virtual table; bm25 with a title hit worth ten body hits; snippet/highlight).
// PostgreSQL: posts_fts with a tsvector `document` under GIN (title weight A, body D); to_tsquery built
// from the same parsed terms; ts_rank_cd with A = 1.0 and D = 0.1 (a title hit worth ten body hits);
// ts_headline for the excerpt and the title. Both tables hold published posts only, kept by triggers
// (db/migrations/2026-11-23-004-search.ts). Every ranking lists lower scores first.
import { sql, type RawBuilder } from "kysely";
import { engineOf, type Db } from "../platform/db.server";
import { MARK_CLOSE, MARK_OPEN, type ParsedQuery } from "./search-query";

/** A post and its score for a query: lower is better (FTS5's bm25 is negative; PostgreSQL's rank is negated). */
export type Scored = { id: number; score: number };

export type SearchIndex = {
  /** The engine's query text for what the member typed (null: nothing to search). */
  queryText(parsed: ParsedQuery): string | null;
  /** The best `limit` posts with their scores (lower is better; ties: the higher id first), best first. */
  ranked(db: Db, q: string, limit: number): Promise<Scored[]>;
  /** The scores of those of `postIds` that match now, as `ranked` would give them (any order). */
  scores(db: Db, q: string, postIds: number[]): Promise<Scored[]>;
  /** Every match as (id, score), lower score better: for a CTE. */
  hits(db: Db, q: string): RawBuilder<{ id: number; score: number }>;
  /** Highlighted title and excerpt (plain text with MARK_OPEN/MARK_CLOSE around hits) per post id. */
  snippets(db: Db, q: string, postIds: number[]): Promise<Map<number, { title: string; body: string }>>;
  /** SQL: true when `name` contains `part`, ignoring case. */
  containsIgnoringCase(name: RawBuilder<string> | string, part: string): RawBuilder<boolean>;
  /** A query the engine could not run because of its syntax (only raw query texts can cause one). */
  isSyntaxError(error: unknown): boolean;
};

const sqlite: SearchIndex = {
  queryText: (parsed) => parsed.fts,
  async ranked(db, q, limit) {
    const result = await sql<Scored>`SELECT rowid AS id, bm25(posts_fts, 10.0, 1.0) AS score FROM posts_fts WHERE posts_fts MATCH ${q}
      ORDER BY score, rowid DESC LIMIT ${limit}`.execute(db);
    return result.rows;
  },
  async scores(db, q, postIds) {
    if (!postIds.length) return [];
    // Two steps, because bm25 is the expensive part: it counts every post that has each query term (its collection
    // statistics) before it scores a row, ~5-15 ms for common words on a million posts. First which of the posts match
    // at all, looked up by rowid without bm25 (well under a millisecond; the -1, never a post, keeps FTS5 off its
    // slow path for a single rowid). Then the scores of those that match, in one pass over the matches (`+rowid`
    // filters outside FTS5: as lookups, each matching id would count the statistics again).
    const matching = await sql<{ id: number }>`SELECT rowid AS id FROM posts_fts WHERE posts_fts MATCH ${q} AND rowid IN (${sql.join([...postIds, -1])})`.execute(db);
    if (!matching.rows.length) return [];
    const ids = matching.rows.map((r) => r.id);
    const result = await sql<Scored>`SELECT rowid AS id, bm25(posts_fts, 10.0, 1.0) AS score FROM posts_fts
      WHERE posts_fts MATCH ${q} AND +rowid IN (${sql.join(ids)})`.execute(db);
    return result.rows;
  },
  hits: (_db, q) => sql`(SELECT rowid AS id, bm25(posts_fts, 10.0, 1.0) AS score FROM posts_fts WHERE posts_fts MATCH ${q})`,
  async snippets(db, q, postIds) {
    const out = new Map<number, { title: string; body: string }>();
    if (!postIds.length) return out;
    const rows = await sql<{ id: number; title: string; body: string }>`SELECT rowid AS id,
        highlight(posts_fts, 0, ${MARK_OPEN}, ${MARK_CLOSE}) AS title,
        snippet(posts_fts, 1, ${MARK_OPEN}, ${MARK_CLOSE}, '…', 28) AS body
      FROM posts_fts WHERE posts_fts MATCH ${q} AND rowid IN (${sql.join(postIds)})`.execute(db);
    for (const r of rows.rows) out.set(r.id, { title: r.title, body: r.body });
    return out;
  },
  containsIgnoringCase: (name, part) => sql<boolean>`instr(lower(${typeof name === "string" ? sql.ref(name) : name}), lower(${part})) > 0`,
  isSyntaxError: (error) => error instanceof Error && /fts5|syntax error|unterminated string|no such column|special query|malformed match/i.test(error.message),
};

// ts_headline drops anything that looks like an HTML tag; members' "<" is swapped for a private-use
// character before it and back after, so excerpts show exactly what was written (escaped later).
const LT = "\uE002";
const HEADLINE = `StartSel="${MARK_OPEN}", StopSel="${MARK_CLOSE}"`;
const headlineText = (col: string) => sql`replace(replace(${sql.ref(col)}, ${LT}, ''), '<', ${LT})`;
const SHORT = 200;
const WEIGHTS = sql.raw(`'{0.1, 0.2, 0.4, 1.0}'`); // D (body), C, B, A (title)

const postgres: SearchIndex = {
  queryText: (parsed) => parsed.tsquery,
  async ranked(db, q, limit) {
    const result = await sql<Scored>`SELECT id, -ts_rank_cd(${WEIGHTS}, document, q) AS score FROM posts_fts, to_tsquery('english', ${q}) AS q
      WHERE document @@ q ORDER BY score, id DESC LIMIT ${limit}`.execute(db);
    return result.rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
  },
  async scores(db, q, postIds) {
    if (!postIds.length) return [];
    const result = await sql<Scored>`SELECT id, -ts_rank_cd(${WEIGHTS}, document, q) AS score FROM posts_fts, to_tsquery('english', ${q}) AS q
      WHERE id IN (${sql.join(postIds)}) AND document @@ q`.execute(db);
    return result.rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
  },
  hits: (_db, q) => sql`(SELECT id, -ts_rank_cd(${WEIGHTS}, document, q) AS score FROM posts_fts, to_tsquery('english', ${q}) AS q WHERE document @@ q)`,
  async snippets(db, q, postIds) {
    const out = new Map<number, { title: string; body: string }>();
    if (!postIds.length) return out;
    const rows = await sql<{ id: number; title: string; body: string }>`SELECT id,
        CASE WHEN title = '' THEN '' ELSE ts_headline('english', ${headlineText("title")}, q, ${`${HEADLINE}, HighlightAll=true`}) END AS title,
        -- A short post is shown whole (as FTS5's 28-token snippet would); a long one by its best fragment.
        CASE WHEN length(body) <= ${SHORT} THEN ts_headline('english', ${headlineText("body")}, q, ${`${HEADLINE}, HighlightAll=true`})
          ELSE ts_headline('english', ${headlineText("body")}, q, ${`${HEADLINE}, MaxWords=28, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "`}) END AS body
      FROM posts_fts, to_tsquery('english', ${q}) AS q WHERE id IN (${sql.join(postIds)})`.execute(db);
    const back = (text: string) => text.replaceAll(LT, "<");
    for (const r of rows.rows) out.set(r.id, { title: back(r.title), body: back(r.body) });
    return out;
  },
  containsIgnoringCase: (name, part) => sql<boolean>`strpos(lower(${typeof name === "string" ? sql.ref(name) : name}), lower(${part})) > 0`,
  isSyntaxError: (error) => error instanceof Error && /tsquery/i.test(error.message),
};

export function searchIndex(db: Db): SearchIndex {
  return engineOf(db) === "postgres" ? postgres : sqlite;
}
