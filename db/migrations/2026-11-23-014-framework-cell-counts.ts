import { sql, type Kysely } from "kysely";
import { isPostgres } from "./portable";

// The home page's framework grid: how many council-wide published threads each lifecycle area ×
// discipline × maturity stage cell holds, kept by triggers on `threads` so the grid reads 45 rows
// instead of counting every thread on every visit (17 ms → well under 1 ms on 50,000 threads).
// Chapter threads are counted at query time, for the chapters the member is in.
// Never edit this file once merged: add a new migration.
//
// ---- SQLITE (trigger syntax) and POSTGRESQL (the same triggers as one PL/pgSQL function) ----------
// The PostgreSQL branch was added beside the SQLite one (issue 17); what this does on SQLite is unchanged.
// ---------------------------------------------------------------------------------------------------

/** The threads the table counts: published and council-wide. `row` is `new` or `old`. */
const counted = (row: string) => `${row}.status = 'published' AND ${row}.chapter_id IS NULL`;
const key = (row: string) => `${row}.lifecycle_area, ${row}.discipline, coalesce(${row}.maturity_stage, '')`;
const add = (row: string) =>
  `INSERT INTO framework_cell_counts (lifecycle_area, discipline, maturity_stage, thread_count) VALUES (${key(row)}, 1)
     ON CONFLICT (lifecycle_area, discipline, maturity_stage) DO UPDATE SET thread_count = thread_count + 1;`;
const remove = (row: string) =>
  `UPDATE framework_cell_counts SET thread_count = thread_count - 1
     WHERE (lifecycle_area, discipline, maturity_stage) = (${key(row)});`;

const TRIGGERS: Record<string, string> = {
  framework_cell_counts_insert: `CREATE TRIGGER framework_cell_counts_insert AFTER INSERT ON threads WHEN ${counted("new")} BEGIN ${add("new")} END`,
  framework_cell_counts_delete: `CREATE TRIGGER framework_cell_counts_delete AFTER DELETE ON threads WHEN ${counted("old")} BEGIN ${remove("old")} END`,
  // An update that moves a thread out of a cell (or out of the count) and one that moves it in: both
  // fire when it stays, and cancel out.
  framework_cell_counts_update_out: `CREATE TRIGGER framework_cell_counts_update_out
    AFTER UPDATE OF status, chapter_id, lifecycle_area, discipline, maturity_stage ON threads WHEN ${counted("old")} BEGIN ${remove("old")} END`,
  framework_cell_counts_update_in: `CREATE TRIGGER framework_cell_counts_update_in
    AFTER UPDATE OF status, chapter_id, lifecycle_area, discipline, maturity_stage ON threads WHEN ${counted("new")} BEGIN ${add("new")} END`,
};

// PostgreSQL: one function does what the four triggers above do (remove the old row's cell, add the new one's).
const PG_FUNCTION = `CREATE OR REPLACE FUNCTION framework_cell_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP <> 'INSERT' AND ${counted("OLD")} THEN
      ${remove("OLD")}
    END IF;
    IF TG_OP <> 'DELETE' AND ${counted("NEW")} THEN
      ${add("NEW").replace("thread_count = thread_count + 1", "thread_count = framework_cell_counts.thread_count + 1")}
    END IF;
    RETURN NULL;
  END $$`;
const PG_TRIGGERS: Record<string, string> = {
  framework_cell_counts_insert: "AFTER INSERT ON threads",
  framework_cell_counts_delete: "AFTER DELETE ON threads",
  framework_cell_counts_update: "AFTER UPDATE OF status, chapter_id, lifecycle_area, discipline, maturity_stage ON threads",
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("framework_cell_counts")
    .addColumn("lifecycle_area", "text", (c) => c.notNull())
    .addColumn("discipline", "text", (c) => c.notNull())
    .addColumn("maturity_stage", "text", (c) => c.notNull()) // '' when the thread has none
    .addColumn("thread_count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("framework_cell_counts_pk", ["lifecycle_area", "discipline", "maturity_stage"])
    .execute();
  await sql.raw(`INSERT INTO framework_cell_counts (lifecycle_area, discipline, maturity_stage, thread_count)
    SELECT lifecycle_area, discipline, coalesce(maturity_stage, ''), count(*) FROM threads
    WHERE status = 'published' AND chapter_id IS NULL GROUP BY 1, 2, 3`).execute(db);
  if (isPostgres(db)) {
    await sql.raw(PG_FUNCTION).execute(db);
    for (const [name, when] of Object.entries(PG_TRIGGERS)) {
      await sql.raw(`CREATE TRIGGER ${name} ${when} FOR EACH ROW EXECUTE FUNCTION framework_cell_counts_sync()`).execute(db);
    }
  } else {
    for (const ddl of Object.values(TRIGGERS)) await sql.raw(ddl).execute(db);
  }
  // Filtered by maturity stage, the grid's latest activity per cell and the latest threads walk the
  // stage's threads newest first and stop early, instead of sorting the whole stage. The stage leads,
  // so queries without a stage never pick this index over the ones they use.
  await db.schema.createIndex("threads_stage_last_post").on("threads").columns(["maturity_stage", "last_post_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("threads_stage_last_post").execute();
  if (isPostgres(db)) {
    for (const name of Object.keys(PG_TRIGGERS)) await sql.raw(`DROP TRIGGER IF EXISTS ${name} ON threads`).execute(db);
    await sql`DROP FUNCTION IF EXISTS framework_cell_counts_sync`.execute(db);
  } else {
    for (const name of Object.keys(TRIGGERS)) await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
  }
  await db.schema.dropTable("framework_cell_counts").execute();
}
