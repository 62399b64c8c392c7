import { sql, type Kysely } from "kysely";

// Page speed (issue 19): a thread page marks the posts its reader has flagged. Its query went post by post through
// the page's thirty posts (flags_open_once leads with post_id); a member's open flags are few (20 a day at most, until
// a moderator settles them), so it now reads them by person, in one step of this index.
// Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("flags_open_by_person").on("flags").columns(["person_id", "post_id"])
    .where(sql.ref("withdrawn_at"), "is", null).where(sql.ref("resolved_at"), "is", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("flags_open_by_person").execute();
}
