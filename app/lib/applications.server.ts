import type { Db } from "./db.server";

/** Open applications, oldest first, for the review queue. */
export async function listOpenApplications(db: Db) {
  return db
    .selectFrom("applications")
    .select(["id", "reference", "name", "email", "title", "company", "role_level", "member_type", "social_responsibility", "created_at", "due_at"])
    .where("status", "=", "pending")
    .orderBy("created_at", "asc")
    .execute();
}
