import type { Kysely } from "kysely";
import { withId } from "./portable";

// Policy proposals and votes: a draft eligibility policy version put to the members. A founder's
// proposal opens at once; any other member's needs two seconds (policy_seconds) first. One vote per
// member per proposal (changeable until the deadline). Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("policy_proposals"))
    .addColumn("policy_version", "integer", (c) => c.notNull().references("eligibility_policies.version").onDelete("cascade"))
    .addColumn("proposed_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("discussion", "text", (c) => c.notNull()) // the case for it, and where to discuss (text; the forum has no thread creation here yet)
    .addColumn("voting_days", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // seconding | open | adopted | withdrawn
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("opened_at", "text")
    .addColumn("deadline", "text") // set when voting opens: opened_at + voting_days
    .addColumn("adopted_at", "text")
    .execute();
  // One proposal per policy version.
  await db.schema.createIndex("policy_proposals_version").unique().on("policy_proposals").column("policy_version").execute();
  await db.schema.createIndex("policy_proposals_status").on("policy_proposals").columns(["status", "deadline"]).execute();

  await withId(db, db.schema.createTable("policy_seconds"))
    .addColumn("proposal_id", "integer", (c) => c.notNull().references("policy_proposals.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("policy_seconds_once").unique().on("policy_seconds").columns(["proposal_id", "person_id"]).execute();

  await withId(db, db.schema.createTable("policy_votes"))
    .addColumn("proposal_id", "integer", (c) => c.notNull().references("policy_proposals.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("choice", "text", (c) => c.notNull()) // yes | no | abstain
    .addColumn("role_level", "text", (c) => c.notNull()) // the voter's role level when they last voted (for tallies)
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // One vote each: changing a vote updates this row.
  await db.schema.createIndex("policy_votes_once").unique().on("policy_votes").columns(["proposal_id", "person_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("policy_votes").execute();
  await db.schema.dropTable("policy_seconds").execute();
  await db.schema.dropTable("policy_proposals").execute();
}
