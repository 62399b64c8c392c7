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
// ---------------------------------------------------------------------------------------------------
//
// ---- POSTGRESQL (tsvector + GIN) -------------------------------------------------------------------
// The same table name and the same rules: `posts_fts (id, title, body)` holds only published posts,
// with a generated `document` tsvector (title weight A, body weight D; english stemming) under a GIN
// index, kept in step by PL/pgSQL triggers that mirror the SQLite ones and bump search_meta.version.
// Added beside the SQLite branch (issue 17); what this migration does on SQLite is unchanged.
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

// PostgreSQL: one function per table, called by triggers with the same names and conditions as above.
const PG_TEXT = (col: string) => `council_search_text(${col})`;
const PG_FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION council_search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE
     AS $$ SELECT replace(replace(t, chr(57344), ''), chr(57345), '') $$`,
  `CREATE OR REPLACE FUNCTION posts_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN DELETE FROM posts_fts WHERE id = OLD.id; END IF;
     IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
       INSERT INTO posts_fts (id, title, body) VALUES (NEW.id,
         CASE WHEN NEW.number = 1 THEN coalesce((SELECT ${PG_TEXT("title")} FROM threads WHERE threads.id = NEW.thread_id), '') ELSE '' END,
         ${PG_TEXT("NEW.body_markdown")});
     END IF;
     ${BUMP}
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION threads_fts_title() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE posts_fts SET title = ${PG_TEXT("NEW.title")}
       WHERE id = (SELECT id FROM posts WHERE thread_id = NEW.id AND number = 1 AND status = 'published');
     ${BUMP}
     RETURN NULL;
   END $$`,
];
const PG_TRIGGERS: Record<string, string> = {
  posts_fts_insert: `CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts FOR EACH ROW WHEN (NEW.status = 'published') EXECUTE FUNCTION posts_fts_sync()`,
  posts_fts_delete: `CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts FOR EACH ROW WHEN (OLD.status = 'published') EXECUTE FUNCTION posts_fts_sync()`,
  posts_fts_update: `CREATE TRIGGER posts_fts_update AFTER UPDATE OF status, body_markdown, number, thread_id ON posts FOR EACH ROW
    WHEN (OLD.status = 'published' OR NEW.status = 'published') EXECUTE FUNCTION posts_fts_sync()`,
  threads_fts_title: `CREATE TRIGGER threads_fts_title AFTER UPDATE OF title ON threads FOR EACH ROW EXECUTE FUNCTION threads_fts_title()`,
};

/** Drops the index-maintenance triggers (bulk loaders: load, then `rebuildSearchIndex`, then re-create). */
export async function dropSearchTriggers(db: Kysely<any>) {
  if (isPostgres(db)) {
    for (const [name, table] of [["posts_fts_insert", "posts"], ["posts_fts_delete", "posts"], ["posts_fts_update", "posts"], ["threads_fts_title", "threads"]]) {
      await sql.raw(`DROP TRIGGER IF EXISTS ${name} ON ${table}`).execute(db);
    }
    return;
  }
  for (const name of Object.keys(TRIGGERS)) await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
}
export async function createSearchTriggers(db: Kysely<any>) {
  for (const ddl of Object.values(isPostgres(db) ? PG_TRIGGERS : TRIGGERS)) await sql.raw(ddl).execute(db);
}
/** Re-indexes every published post from scratch. */
export async function rebuildSearchIndex(db: Kysely<any>) {
  if (isPostgres(db)) {
    await sql`DELETE FROM posts_fts`.execute(db);
    await sql.raw(`INSERT INTO posts_fts (id, title, body)
      SELECT p.id, CASE WHEN p.number = 1 THEN ${PG_TEXT("t.title")} ELSE '' END, ${PG_TEXT("p.body_markdown")}
      FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.status = 'published' ORDER BY p.id`).execute(db);
    await sql`ANALYZE posts_fts`.execute(db);
    await sql.raw(BUMP).execute(db);
    return;
  }
  await sql`DELETE FROM posts_fts`.execute(db);
  await sql.raw(`INSERT INTO posts_fts(rowid, title, body)
    SELECT p.id, ${titleOf("p")}, ${bodyText("p.body_markdown")} FROM posts p WHERE p.status = 'published' ORDER BY p.id`).execute(db);
  await sql`INSERT INTO posts_fts(posts_fts) VALUES ('optimize')`.execute(db);
  await sql.raw(BUMP).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);

  // Members directory (active people by name) and profiles (a member's threads, newest first).
  await db.schema.createIndex("people_status_name").on("people").columns(["status", "name"]).execute();
  await db.schema.createIndex("threads_author").on("threads").columns(["author_id", "last_post_at"]).execute();
  // The home page's framework grid (counts and latest activity per cell over visible threads) reads
  // only this covering index instead of every thread row: ~12× faster on 50,000 threads.
  await db.schema.createIndex("threads_visible_cell").on("threads").columns(["status", "chapter_id", "lifecycle_area", "discipline", "last_post_at"]).execute();
}

async function upPostgres(db: Kysely<any>) {
  await sql`CREATE TABLE posts_fts (
    id integer PRIMARY KEY,
    title text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    document tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'D')) STORED
  )`.execute(db);
  await sql`CREATE INDEX posts_fts_document ON posts_fts USING gin (document)`.execute(db);
  await sql`CREATE TABLE search_meta (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)`.execute(db);
  await sql`INSERT INTO search_meta (id, version) VALUES (1, 0)`.execute(db);
  for (const ddl of PG_FUNCTIONS) await sql.raw(ddl).execute(db);
  await createSearchTriggers(db);
  await rebuildSearchIndex(db);
}

async function upSqlite(db: Kysely<any>) {
  // porter stemming over unicode61 (diacritics folded): "measuring" finds "measure".
  await sql`CREATE VIRTUAL TABLE posts_fts USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
  // bm25 with a title hit worth ten body hits; `ORDER BY rank` uses it.
  await sql`INSERT INTO posts_fts(posts_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')`.execute(db);
  await sql`CREATE TABLE search_meta (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)`.execute(db);
  await sql`INSERT INTO search_meta (id, version) VALUES (1, 0)`.execute(db);
  await createSearchTriggers(db);
  await rebuildSearchIndex(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("threads_visible_cell").execute();
  await db.schema.dropIndex("threads_author").execute();
  await db.schema.dropIndex("people_status_name").execute();
  await dropSearchTriggers(db);
  await sql`DROP TABLE IF EXISTS posts_fts`.execute(db);
  await sql`DROP TABLE IF EXISTS search_meta`.execute(db);
  if (isPostgres(db)) for (const fn of ["posts_fts_sync", "threads_fts_title", "council_search_text"]) await sql.raw(`DROP FUNCTION IF EXISTS ${fn}`).execute(db);
}
