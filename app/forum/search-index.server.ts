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

/** What an engine keeps between `scores` calls for one query (opaque to the caller). */
export type ScoreMemo = { stats?: unknown };

export type SearchIndex = {
  /** The engine's query text for what the member typed (null: nothing to search). */
  queryText(parsed: ParsedQuery): string | null;
  /** The best `limit` posts with their scores (lower is better; ties: the higher id first), best first. */
  ranked(db: Db, q: string, limit: number): Promise<Scored[]>;
  /**
   * The scores of those of `postIds` that match now, as `ranked` would give them (any order). `memo` is kept by the
   * caller with its ranking, for what the engine may reuse between calls for the same query (see sqlite below).
   */
  scores(db: Db, q: string, postIds: number[], memo?: ScoreMemo): Promise<Scored[]>;
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
    const result = await sql<Scored>`SELECT rowid AS id, ${BM25} AS score FROM posts_fts WHERE posts_fts MATCH ${q}
      ORDER BY score, rowid DESC LIMIT ${limit}`.execute(db);
    return result.rows;
  },
  async scores(db, q, postIds, memo = {}) {
    if (!postIds.length) return [];
    // Which of the posts match at all: looked up by rowid, without bm25 (well under a millisecond; the -1, never a
    // post, keeps FTS5 off its slow path for a single rowid).
    const matching = (await sql<{ id: number }>`SELECT rowid AS id FROM posts_fts WHERE posts_fts MATCH ${q} AND rowid IN (${sql.join([...postIds, -1])})`.execute(db)).rows.map((r) => r.id);
    if (!matching.length) return [];
    const phrases = ftsPhrases(q);
    const scored = phrases && (await bm25Scores(db, phrases, matching, memo));
    if (scored) return scored;
    // FTS5's own bm25. `+rowid`: filtered outside FTS5, in one pass over the matches (as rowid lookups, bm25 would
    // count its statistics again for each).
    return (await sql<Scored>`SELECT rowid AS id, ${BM25} AS score FROM posts_fts
      WHERE posts_fts MATCH ${q} AND +rowid IN (${sql.join(matching)})`.execute(db)).rows;
  },
  hits: (_db, q) => sql`(SELECT rowid AS id, ${BM25} AS score FROM posts_fts WHERE posts_fts MATCH ${q})`,
  async snippets(db, q, postIds) {
    const out = new Map<number, { title: string; body: string }>();
    if (!postIds.length) return out;
    const rows = await sql<{ id: number; title: string; body: string }>`SELECT rowid AS id,
        highlight(posts_fts, 0, ${MARK_OPEN}, ${MARK_CLOSE}) AS title,
        snippet(posts_fts, 1, ${MARK_OPEN}, ${MARK_CLOSE}, '…', 28) AS body
      FROM posts_fts WHERE posts_fts MATCH ${q} AND rowid IN (${sql.join([...postIds, -1])})`.execute(db); // -1: see scores
    for (const r of rows.rows) out.set(r.id, { title: r.title, body: r.body });
    return out;
  },
  containsIgnoringCase: (name, part) => sql<boolean>`instr(lower(${typeof name === "string" ? sql.ref(name) : name}), lower(${part})) > 0`,
  isSyntaxError: (error) => error instanceof Error && /fts5|syntax error|unterminated string|no such column|special query|malformed match/i.test(error.message),
};

// ---- SQLite: bm25 for a few posts without FTS5 counting its statistics ------------------------------------------------
// FTS5's bm25() first counts, for every phrase of the query, the posts that contain it (~4 ms a common word on a million
// posts), on every statement: scoring two new posts costs half a full ranking. Here the same formula (fts5_aux.c:
// k1 = 1.2, b = 0.75, weights title 10 and body 1) is computed from the same numbers FTS5 keeps: the row count and
// token totals (posts_fts_data, record 1), each post's token count (posts_fts_docsize), each phrase's hits per column
// (highlight() of that phrase alone), and per phrase the number of posts containing it: counted once per ranking
// (`memo`) and reused, like the cached scores, which were computed with the statistics of their time too.
const K1 = 1.2;
const B = 0.75;
const COLUMN_WEIGHTS = [10.0, 1.0];
/** A match's score in FTS5, with the same column weights (every query and bm25Scores agree on them). */
const BM25 = sql.raw(`bm25(posts_fts, ${COLUMN_WEIGHTS.map((w) => w.toFixed(1)).join(", ")})`);
type Bm25Stats = { rows: number; avgdl: number; idf: number[] };

/** The phrases of an FTS5 query as parseSearchQuery writes it (`"a" "b c" "d"*`), or null for any other text. */
export function ftsPhrases(q: string): string[] | null {
  const phrases: string[] = [];
  const rest = q.replace(/"(?:[^"]|"")*"\*?/g, (phrase) => {
    phrases.push(phrase);
    return "";
  });
  return phrases.length && !rest.trim() ? phrases : null;
}

/** SQLite's varints (as FTS5 writes them): big-endian 7 bits a byte, the 9th byte whole. */
function readVarints(blob: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < blob.length) {
    let value = 0;
    for (let n = 0; ; n++) {
      const byte = blob[i++]!;
      if (n === 8) { value = value * 256 + byte; break; }
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) break;
    }
    out.push(value);
  }
  return out;
}

async function bm25Stats(db: Db, phrases: string[]): Promise<Bm25Stats> {
  const averages = await sql<{ block: Uint8Array }>`SELECT block FROM posts_fts_data WHERE id = 1`.execute(db);
  const [rows = 0, ...totals] = readVarints(averages.rows[0]?.block ?? new Uint8Array());
  const avgdl = totals.reduce((a, b) => a + b, 0) / rows;
  const idf: number[] = [];
  for (const phrase of phrases) {
    const hits = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM posts_fts WHERE posts_fts MATCH ${phrase}`.execute(db)).rows[0]!.n);
    const value = Math.log((rows - hits + 0.5) / (hits + 0.5));
    idf.push(value <= 0 ? 1e-6 : value);
  }
  return { rows, avgdl, idf };
}

async function bm25Scores(db: Db, phrases: string[], ids: number[], memo: ScoreMemo): Promise<Scored[] | null> {
  const stats = (memo.stats ??= await bm25Stats(db, phrases)) as Bm25Stats;
  if (!(stats.rows > 0 && stats.avgdl > 0)) return null; // not FTS5's usual records: let FTS5 score
  const sizes = new Map<number, number>();
  for (const r of (await sql<{ id: number; sz: Uint8Array }>`SELECT id, sz FROM posts_fts_docsize WHERE id IN (${sql.join(ids)})`.execute(db)).rows) {
    sizes.set(r.id, readVarints(r.sz).reduce((a, b) => a + b, 0));
  }
  const freq = new Map<number, number[]>(ids.map((id) => [id, phrases.map(() => 0)]));
  for (const [p, phrase] of phrases.entries()) {
    const rows = await sql<{ id: number; title: string; body: string }>`SELECT rowid AS id, highlight(posts_fts, 0, ${MARK_OPEN}, '') AS title,
      highlight(posts_fts, 1, ${MARK_OPEN}, '') AS body FROM posts_fts WHERE posts_fts MATCH ${phrase} AND rowid IN (${sql.join([...ids, -1])})`.execute(db);
    for (const r of rows.rows) {
      const f = freq.get(r.id)!;
      f[p]! += COLUMN_WEIGHTS[0]! * (r.title.split(MARK_OPEN).length - 1) + COLUMN_WEIGHTS[1]! * (r.body.split(MARK_OPEN).length - 1);
    }
  }
  return ids.map((id) => {
    const d = sizes.get(id) ?? 0;
    let score = 0;
    for (const [p, f] of freq.get(id)!.entries()) score += stats.idf[p]! * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * d) / stats.avgdl)));
    return { id, score: -1.0 * score };
  });
}

// ts_headline drops anything that looks like an HTML tag; members' "<" is swapped for a private-use
// character before it and back after, so excerpts show exactly what was written (escaped later).
const LT = "\uE002";
const HEADLINE = `StartSel="${MARK_OPEN}", StopSel="${MARK_CLOSE}"`;
const headlineText = (col: string) => sql`replace(replace(${sql.ref(col)}, ${LT}, ''), '<', ${LT})`;
const SHORT = 200;
const WEIGHTS = sql.raw(`'{0.1, 0.2, 0.4, 1.0}'`); // D (body), C, B, A (title)
/** A match's score in PostgreSQL: its rank negated, so that lower is better as in FTS5. */
const RANK = sql`-ts_rank_cd(${WEIGHTS}, document, q)`;

const postgres: SearchIndex = {
  queryText: (parsed) => parsed.tsquery,
  async ranked(db, q, limit) {
    const result = await sql<Scored>`SELECT id, ${RANK} AS score FROM posts_fts, to_tsquery('english', ${q}) AS q
      WHERE document @@ q ORDER BY score, id DESC LIMIT ${limit}`.execute(db);
    return result.rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
  },
  async scores(db, q, postIds) {
    if (!postIds.length) return [];
    const result = await sql<Scored>`SELECT id, ${RANK} AS score FROM posts_fts, to_tsquery('english', ${q}) AS q
      WHERE id IN (${sql.join(postIds)}) AND document @@ q`.execute(db);
    return result.rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
  },
  hits: (_db, q) => sql`(SELECT id, ${RANK} AS score FROM posts_fts, to_tsquery('english', ${q}) AS q WHERE document @@ q)`,
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
