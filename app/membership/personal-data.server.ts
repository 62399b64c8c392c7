// /settings/data: everything a member wrote and their profile, as one JSON document they can keep.
// Only their own: other people's words appear nowhere (their messages are not exported, only the member's).
import type { Db } from "../platform/db.server";
import { Forbidden } from "../platform/errors";
import { nowIso } from "../platform/time";
import { can, type Actor } from "../accounts/permissions";

export async function exportPersonalData(db: Db, actor: Actor) {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  const id = actor.id;
  const [person, roles, threads, posts, messages, votes, preferences, notificationPreferences, jobChanges] = await Promise.all([
    db.selectFrom("people").select(["id", "name", "email", "title", "company", "role_level", "member_type", "social_responsibility",
      "social_responsibility_note", "bio", "profile_url", "joined_at", "consultant_contact", "totp_enabled_at"]).where("id", "=", id).executeTakeFirstOrThrow(),
    db.selectFrom("person_roles").select(["role", "chapter_id", "granted_at"]).where("person_id", "=", id).execute(),
    db.selectFrom("threads").select(["id", "title", "lifecycle_area", "discipline", "maturity_stage", "chapter_id", "status", "created_at"])
      .where("author_id", "=", id).orderBy("id").execute(),
    db.selectFrom("posts").select(["id", "thread_id", "number", "body_markdown", "status", "created_at", "edited_at"])
      .where("author_id", "=", id).orderBy("id").execute(),
    db.selectFrom("messages").select(["id", "conversation_id", "body", "created_at"]).where("sender_id", "=", id).orderBy("id").execute(),
    db.selectFrom("policy_votes").select(["proposal_id", "choice", "created_at", "updated_at"]).where("person_id", "=", id).orderBy("id").execute(),
    db.selectFrom("email_preferences").select(["digest_frequency", "last_digest_at", "unsubscribed_at"]).where("person_id", "=", id).executeTakeFirst(),
    db.selectFrom("notification_preferences").select(["messages", "replies", "mentions", "moderation", "votes", "quiet_start", "quiet_end", "time_zone"])
      .where("person_id", "=", id).executeTakeFirst(),
    db.selectFrom("job_changes").select(["before_facts", "after_facts", "policy_version", "outcome", "status", "created_at", "verified_at"])
      .where("person_id", "=", id).orderBy("id").execute(),
  ]);
  const { totp_enabled_at, ...profile } = person;
  return {
    exportedAt: nowIso(),
    about: "Everything you wrote on Council and your profile. Other members' words are not included.",
    profile: { ...profile, social_responsibility: profile.social_responsibility === 1, twoFactorEnabled: totp_enabled_at !== null, roles },
    threads, posts, messagesSent: messages, policyVotes: votes, emailPreferences: preferences ?? null,
    notificationPreferences: notificationPreferences ?? null,
    jobChanges: jobChanges.map((j) => ({ ...j, before_facts: JSON.parse(j.before_facts), after_facts: JSON.parse(j.after_facts) })),
  };
}
