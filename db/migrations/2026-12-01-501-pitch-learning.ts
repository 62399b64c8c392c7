import type { Kysely } from "kysely";
import { withId } from "./portable";

// The pitch check learns from moderators: every decision on a held post (published / rejected) and on
// sales-pitch flags (upheld / dismissed) is kept as a labelled example — the post's text at the time,
// the decision, who decided and when — and founders retrain and adopt model versions from them.
// Never edit this file once merged: add a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("pitch_examples"))
    .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull()) // the post's Markdown when the decision was made
    .addColumn("label", "text", (c) => c.notNull()) // pitch | ok
    .addColumn("source", "text", (c) => c.notNull()) // held_post | flag
    .addColumn("decision", "text", (c) => c.notNull()) // published | rejected | upheld | dismissed
    .addColumn("decided_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    // One decision in five (by id) is kept out of training for ever, to measure models on: holdout | train.
    .addColumn("split", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("pitch_examples_decided").on("pitch_examples").columns(["decided_at"]).execute();

  // Pitch model versions trained at /moderation/settings: candidate → adopted → superseded (or discarded).
  // The version shipped with the code is not stored here; the adopted row, when there is one, replaces it.
  await db.schema.createTable("pitch_models")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("status", "text", (c) => c.notNull()) // candidate | adopted | superseded | discarded
    .addColumn("model_json", "text", (c) => c.notNull())
    .addColumn("metrics_json", "text", (c) => c.notNull()) // the candidate's and the then-current model's figures
    .addColumn("examples_used", "integer", (c) => c.notNull()) // moderators' decisions in its training rows
    .addColumn("last_example_id", "integer") // the newest decision it could learn from
    .addColumn("trained_at", "text", (c) => c.notNull())
    .addColumn("trained_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("adopted_at", "text")
    .addColumn("adopted_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("pitch_models").execute();
  await db.schema.dropTable("pitch_examples").execute();
}
