import { sql, type Kysely } from "kysely";
import { isPostgres } from "./portable";
import { createSearchTriggers as createSearchTriggersWithoutLog, dropSearchTriggers as dropSearchTriggersWithoutLog } from "./2026-11-23-004-search";

// Search after a new post (issue 19): a short log of which post each search-index change touched, so a server process
// can bring a cached ranking up to date by re-scoring only the changed posts instead of ranking every match again
// (app/forum/search.server.ts). `search_changes` holds one row per search_meta.version bump: the version it bumped to
// and the post whose index entry changed (null: a thread title changed but its opening post is not in the index). The
// same triggers that keep the index write it, in the same statement, so a row exists exactly when its version does;
// only the last RETAINED versions are kept (a process whose ranking is older ranks from scratch).
// The table is portable (schema builder). The triggers are not: the index itself is engine-specific (FTS5 on SQLite,
// tsvector on PostgreSQL, see 2026-11-23-004-search.ts), and the log is written by its triggers, which this migration
// replaces with the same ones plus the log (SQLite), or whose functions it replaces (PostgreSQL): below, the one
// engine-specific part.
// Never edit once merged: add a new migration.

/** How many of the latest index changes the log keeps. */
export const RETAINED = 1000;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("search_changes")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("post_id", "integer")
    .execute();
  if (isPostgres(db)) {
    // The triggers stay; the functions they call by name now write the log too.
    for (const ddl of pgFunctions(true)) await sql.raw(ddl).execute(db);
  } else {
    await dropSearchTriggers(db);
    await createSearchTriggers(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const ddl of pgFunctions(false)) await sql.raw(ddl).execute(db);
  } else {
    await dropSearchTriggers(db);
    await createSearchTriggersWithoutLog(db);
  }
  await db.schema.dropTable("search_changes").execute();
}

// ---- ENGINE-SPECIFIC: the index-maintenance triggers, as in 2026-11-23-004-search.ts plus the log --------------------

/** Drops the index-maintenance triggers (bulk loaders: drop, load, `rebuildSearchIndex`, then `createSearchTriggers`). */
export const dropSearchTriggers = dropSearchTriggersWithoutLog; // the same trigger names

/** Creates the index-maintenance triggers as they are now (with the change log). */
export async function createSearchTriggers(db: Kysely<any>) {
  if (isPostgres(db)) await createSearchTriggersWithoutLog(db); // the same triggers; their functions write the log
  else for (const ddl of Object.values(SQLITE_TRIGGERS)) await sql.raw(ddl).execute(db);
}

// SQLite (FTS5). The searchable text and the title, exactly as 2026-11-23-004-search.ts indexes them.
const bodyText = (col: string) => `replace(replace(${col}, char(57344), ''), char(57345), '')`;
const titleOf = (post: string) =>
  `CASE WHEN ${post}.number = 1 THEN (SELECT ${bodyText("title")} FROM threads WHERE threads.id = ${post}.thread_id) ELSE '' END`;
const BUMP = "UPDATE search_meta SET version = version + 1 WHERE id = 1;";
/**
 * After BUMP: the new version and the post it touched go to the log; versions older than RETAINED go, and so would any
 * row at or past the new version (left by a copy or a reset of search_meta: it must never block a write).
 */
const LOG = (postId: string) => `DELETE FROM search_changes WHERE version <= (SELECT version FROM search_meta WHERE id = 1) - ${RETAINED};
    DELETE FROM search_changes WHERE version >= (SELECT version FROM search_meta WHERE id = 1);
    INSERT INTO search_changes (version, post_id) SELECT version, ${postId} FROM search_meta WHERE id = 1;`;

const SQLITE_TRIGGERS: Record<string, string> = {
  posts_fts_insert: `CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts WHEN new.status = 'published' BEGIN
    INSERT INTO posts_fts(rowid, title, body) VALUES (new.id, ${titleOf("new")}, ${bodyText("new.body_markdown")});
    ${BUMP}
    ${LOG("new.id")}
  END`,
  posts_fts_delete: `CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts WHEN old.status = 'published' BEGIN
    DELETE FROM posts_fts WHERE rowid = old.id;
    ${BUMP}
    ${LOG("old.id")}
  END`,
  posts_fts_update: `CREATE TRIGGER posts_fts_update AFTER UPDATE OF status, body_markdown, number, thread_id ON posts
    WHEN old.status = 'published' OR new.status = 'published' BEGIN
    DELETE FROM posts_fts WHERE rowid = old.id;
    INSERT INTO posts_fts(rowid, title, body) SELECT new.id, ${titleOf("new")}, ${bodyText("new.body_markdown")} WHERE new.status = 'published';
    ${BUMP}
    ${LOG("new.id")}
  END`,
  threads_fts_title: `CREATE TRIGGER threads_fts_title AFTER UPDATE OF title ON threads BEGIN
    UPDATE posts_fts SET title = ${bodyText("new.title")}
      WHERE rowid = (SELECT id FROM posts WHERE thread_id = new.id AND number = 1 AND status = 'published');
    ${BUMP}
    ${LOG("(SELECT id FROM posts WHERE thread_id = new.id AND number = 1 AND status = 'published')")}
  END`,
};

// PostgreSQL (tsvector): the trigger functions of 2026-11-23-004-search.ts, replaced; the triggers call them by name.
const PG_TEXT = (col: string) => `council_search_text(${col})`;
function pgFunctions(log: boolean): string[] {
  const bump = (postId: string) => (log
    ? `UPDATE search_meta SET version = version + 1 WHERE id = 1 RETURNING version INTO v;
     DELETE FROM search_changes WHERE version <= v - ${RETAINED} OR version >= v;
     INSERT INTO search_changes (version, post_id) VALUES (v, ${postId});`
    : BUMP);
  return [
    `CREATE OR REPLACE FUNCTION posts_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE v integer;
   BEGIN
     IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN DELETE FROM posts_fts WHERE id = OLD.id; END IF;
     IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
       INSERT INTO posts_fts (id, title, body) VALUES (NEW.id,
         CASE WHEN NEW.number = 1 THEN coalesce((SELECT ${PG_TEXT("title")} FROM threads WHERE threads.id = NEW.thread_id), '') ELSE '' END,
         ${PG_TEXT("NEW.body_markdown")});
     END IF;
     ${bump("CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END")}
     RETURN NULL;
   END $$`,
    `CREATE OR REPLACE FUNCTION threads_fts_title() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE v integer;
   BEGIN
     UPDATE posts_fts SET title = ${PG_TEXT("NEW.title")}
       WHERE id = (SELECT id FROM posts WHERE thread_id = NEW.id AND number = 1 AND status = 'published');
     ${bump("(SELECT id FROM posts WHERE thread_id = NEW.id AND number = 1 AND status = 'published')")}
     RETURN NULL;
   END $$`,
  ];
}
