import { sql, type Kysely } from "kysely";
import { withId } from "./portable";

// Flags, strikes, the moderation settings founders set, and the reason a held post was rejected.
// Never edit this file once merged: add a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  // Shown to the author of a rejected post (status 'rejected') until they edit and resubmit it.
  await db.schema.alterTable("posts").addColumn("rejection_reason", "text").execute();

  // A member's flag on a post. Withdrawn flags stay (withdrawn_at); a moderator's review resolves the
  // open ones (resolved_at, outcome upheld | dismissed). At most one open flag per member and post.
  await withId(db, db.schema.createTable("flags"))
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull()) // sales_pitch | cold_contact | off_topic | disrespectful | other
    .addColumn("note", "text") // private to moderators; never shown in the public log
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("resolved_at", "text")
    .addColumn("outcome", "text")
    .execute();
  await db.schema.createIndex("flags_open_once").on("flags").columns(["post_id", "person_id"]).unique()
    .where(sql.ref("withdrawn_at"), "is", null).where(sql.ref("resolved_at"), "is", null).execute();
  await db.schema.createIndex("flags_post").on("flags").columns(["post_id", "created_at"]).execute();

  // An upheld flag leaves a strike on the author, under the rule it broke.
  await withId(db, db.schema.createTable("strikes"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("set null"))
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("recorded_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("strikes_person").on("strikes").columns(["person_id", "recorded_at"]).execute();

  // Founders' moderation settings (pitch threshold, flag company threshold): one row per key.
  await db.schema.createTable("moderation_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("moderation_settings").execute();
  await db.schema.dropTable("strikes").execute();
  await db.schema.dropTable("flags").execute();
  await db.schema.alterTable("posts").dropColumn("rejection_reason").execute();
}
