// Typed view of the database for Kysely. Keep in step with db/migrations.
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export const ROLE_LEVELS = ["c_level", "evp", "svp", "vp", "director", "below_director"] as const;
export type RoleLevel = (typeof ROLE_LEVELS)[number];
export const MEMBER_TYPES = ["executive", "consultant"] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];
export const ROLES = ["member", "moderator", "chapter_president", "founder"] as const;
export type Role = (typeof ROLES)[number];
/** Who among consultants may start a conversation with this member (executives decide; default no one). */
export const CONSULTANT_CONTACT = ["no_one", "anyone"] as const;
export type ConsultantContact = (typeof CONSULTANT_CONTACT)[number];
/** "resigned": the person left of their own accord (a former member); nobody revoked them. */
export type PersonStatus = "active" | "revoked" | "suspended" | "resigned";
export type PostStatus = "published" | "held" | "rejected" | "hidden" | "removed" | "deleted";
export type ApplicationStatus = "pending" | "approved" | "rejected" | "withdrawn" | "expired";

export interface FrameworkTermTable {
  key: string;
  name: string;
  description: Generated<string>;
  position: number;
}

export interface ChaptersTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  created_at: string;
}

export interface PeopleTable {
  id: Generated<number>;
  email: string;
  email_normalized: string;
  name: string;
  title: string;
  company: string;
  role_level: RoleLevel;
  member_type: MemberType;
  social_responsibility: Generated<number>;
  social_responsibility_note: Generated<string>;
  status: Generated<PersonStatus>;
  password_hash: string | null;
  chapter_id: number | null;
  joined_at: string;
  revoked_at: string | null;
  consultant_contact: Generated<ConsultantContact>;
  /** The member's own words about themselves; edited freely at /settings/profile (migration 301). */
  bio: Generated<string>;
  profile_url: string | null;
  /** Two-factor sign-in (migration 302): the TOTP key (base32) once enrolled, the one being enrolled, and the last step used. */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  /** Migration 601: when they resigned, and the address they used then (their email_normalized is freed to apply again). */
  resigned_at: string | null;
  former_email_normalized: string | null;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  person_id: number;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface PasswordResetsTable {
  id: Generated<number>;
  person_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export const JOB_CHANGE_STATUSES = ["pending", "verified", "not_verified", "notice"] as const;
export type JobChangeStatus = (typeof JOB_CHANGE_STATUSES)[number];
export interface JobChangesTable {
  id: Generated<number>;
  person_id: number;
  before_facts: string;
  after_facts: string;
  policy_version: number;
  outcome: "eligible" | "ineligible" | "needs_review";
  reasons: string;
  status: JobChangeStatus;
  notice_id: number | null;
  created_at: string;
  verified_by: number | null;
  verified_at: string | null;
  verification_note: string | null;
}

export const EMAIL_CHANGE_STATUSES = ["pending", "applied", "review", "approved", "declined", "superseded"] as const;
export type EmailChangeStatus = (typeof EMAIL_CHANGE_STATUSES)[number];
/** Migration 602: a member's request to change their email, its confirmation link and (free webmail) the reviewer's decision. */
export interface EmailChangesTable {
  id: Generated<number>;
  person_id: number;
  old_email: string;
  new_email: string;
  new_email_normalized: string;
  token_hash: string;
  status: EmailChangeStatus;
  created_at: string;
  expires_at: string;
  confirmed_at: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  review_note: string | null;
}

export interface PersonRolesTable {
  id: Generated<number>;
  person_id: number;
  role: Role;
  chapter_id: number | null;
  granted_by: number | null;
  granted_at: string;
}

export interface SessionsTable {
  id: string;
  person_id: number;
  expires_at: string;
  created_at: string;
  /** Migration 303: the browser, the IP truncated to /24 or /48, and when last used (null for older sessions). */
  user_agent: string | null;
  ip_prefix: string | null;
  last_used_at: string | null;
}

export interface SignInFailuresTable {
  id: Generated<number>;
  email_normalized: string;
  ip: string;
  at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  action: string;
  subject_type: string | null;
  subject_id: number | null;
  rule: string | null;
  policy_version: number | null;
  reason: string | null;
  details: string | null;
}

export interface ApplicationsTable {
  id: Generated<number>;
  reference: string;
  status_token_hash: string;
  name: string;
  email: string;
  email_normalized: string;
  title: string;
  company: string;
  role_level: RoleLevel;
  member_type: MemberType;
  social_responsibility: number;
  social_responsibility_note: Generated<string>;
  profile_url: string | null;
  referred_by: string | null;
  status: Generated<ApplicationStatus>;
  created_at: string;
  due_at: string;
  decided_at: string | null;
  decided_by: number | null;
  policy_version: number | null;
  decision_reasons: string | null;
  verdict_outcome: "eligible" | "ineligible" | "needs_review" | null;
  verdict_policy_version: number | null;
  verdict_reasons: string | null;
  title_verified: number | null;
  domain_verified: number | null;
  verification_note: string | null;
  verified_by: number | null;
  verified_at: string | null;
}

export interface ApplicationSubmissionsTable {
  id: Generated<number>;
  ip: string;
  at: string;
}

export interface InvitationsTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  email_normalized: string;
  name: string;
  title: string;
  company: string;
  role_level: RoleLevel;
  member_type: MemberType;
  social_responsibility: number;
  social_responsibility_note: Generated<string>;
  application_id: number | null;
  invited_by: number | null;
  policy_version: number;
  created_at: string;
  sent_at: string;
  expires_at: string;
  accepted_at: string | null;
  person_id: number | null;
  revoked_at: string | null;
  revoked_by: number | null;
}

export interface ThreadsTable {
  id: Generated<number>;
  author_id: number;
  title: string;
  lifecycle_area: string;
  discipline: string;
  maturity_stage: string | null;
  chapter_id: number | null;
  status: Generated<PostStatus>;
  post_count: Generated<number>;
  created_at: string;
  last_post_at: string;
  /** Goes up with every write that changes what the thread's pages show (migration 901; thread-page-cache.server.ts). */
  content_version: Generated<number>;
}

/** One row (id 1): goes up with every write that changes the framework grid (migration 902; home-cache.server.ts). */
export interface ForumMetaTable {
  id: number;
  version: Generated<number>;
}

/** One row per search-index change (search_meta.version bump): the post it touched; the latest 1000 only. */
export interface SearchChangesTable {
  version: number;
  post_id: number | null;
}

export interface PostsTable {
  id: Generated<number>;
  thread_id: number;
  author_id: number;
  number: number;
  body_markdown: string;
  body_html: string;
  status: Generated<PostStatus>;
  hold_reasons: string | null;
  rejection_reason: string | null;
  created_at: string;
  edited_at: string | null;
}

export interface PostRevisionsTable {
  id: Generated<number>;
  post_id: number;
  body_markdown: string;
  body_html: string;
  written_at: string;
  replaced_at: string;
}

export interface ThreadReadsTable {
  person_id: number;
  thread_id: number;
  last_read_post_number: number;
  last_read_post_at: string;
  read_at: string;
}

export interface FollowsTable {
  id: Generated<number>;
  person_id: number;
  thread_id: number | null;
  lifecycle_area: string | null;
  created_at: string;
}

export type NotificationKind = "reply" | "mention" | "new_thread";
export interface NotificationsTable {
  id: Generated<number>;
  person_id: number;
  kind: NotificationKind;
  thread_id: number;
  post_id: number;
  actor_id: number | null;
  created_at: string;
  read_at: string | null;
}

export interface MemberVisitsTable {
  person_id: number;
  previous_visit_at: string;
  last_seen_at: string;
}

export const FLAG_REASONS = ["sales_pitch", "cold_contact", "off_topic", "disrespectful", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export interface FlagsTable {
  id: Generated<number>;
  post_id: number;
  person_id: number;
  reason: FlagReason;
  note: string | null;
  created_at: string;
  withdrawn_at: string | null;
  resolved_at: string | null;
  outcome: "upheld" | "dismissed" | null;
}

export interface StrikesTable {
  id: Generated<number>;
  person_id: number;
  post_id: number | null;
  rule: string;
  recorded_by: number | null;
  recorded_at: string;
}

export interface ModerationSettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}

export type PitchLabel = "pitch" | "ok";
export interface PitchExamplesTable {
  id: Generated<number>;
  post_id: number | null;
  body: string;
  label: PitchLabel;
  source: "held_post" | "flag";
  decision: "published" | "rejected" | "upheld" | "dismissed";
  decided_by: number | null;
  decided_at: string;
  split: "train" | "holdout";
}

export type PitchModelStatus = "candidate" | "adopted" | "superseded" | "discarded";
export interface PitchModelsTable {
  version: number;
  status: PitchModelStatus;
  model_json: string;
  metrics_json: string;
  examples_used: number;
  last_example_id: number | null;
  trained_at: string;
  trained_by: number | null;
  adopted_at: string | null;
  adopted_by: number | null;
}

export type PolicyStatus = "draft" | "adopted" | "superseded";
export interface EligibilityPoliciesTable {
  version: number;
  status: PolicyStatus;
  summary: string;
  rules: string;
  author_id: number | null;
  created_at: string;
  adopted_at: string | null;
  adopted_by: number | null;
}

export type OutboxStatus = "queued" | "sent" | "failed" | "stored";
export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: string | null;
  kind: string;
  status: OutboxStatus;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface GatheringsTable {
  id: Generated<number>;
  chapter_id: number;
  title: string;
  starts_at: string;
  place: string | null;
  link: string | null;
  created_by: number | null;
  created_at: string;
  cancelled_at: string | null;
}

export interface GatheringAttendanceTable {
  id: Generated<number>;
  gathering_id: number;
  person_id: number;
  created_at: string;
}

export const DIGEST_FREQUENCIES = ["weekly", "monthly", "never"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
export interface EmailPreferencesTable {
  person_id: number;
  digest_frequency: Generated<DigestFrequency>;
  last_digest_at: string | null;
  unsubscribed_at: string | null;
}

export type NotifyKind = "messages" | "replies" | "mentions" | "moderation" | "votes";
export type NotifyChoice = "immediate" | "digest" | "never";
export interface EmailNotificationsTable {
  id: Generated<number>;
  person_id: number;
  kind: NotifyKind;
  post_id: number | null;
  message_id: number | null;
  thread_id: number | null;
  conversation_id: number | null;
  actor_id: number | null;
  title: string;
  body: string | null;
  path: string;
  created_at: string;
  due_at: string;
  /** "digest": kept for the member's next digest (their choice for the kind), which then marks it sent or dropped. */
  status: Generated<"pending" | "digest" | "sent" | "dropped">;
  drop_reason: string | null;
  decided_at: string | null;
  outbox_id: number | null;
}
export interface NotificationPreferencesTable {
  person_id: number;
  messages: Generated<NotifyChoice>;
  replies: Generated<NotifyChoice>;
  mentions: Generated<NotifyChoice>;
  moderation: Generated<NotifyChoice>;
  votes: Generated<NotifyChoice>;
  quiet_start: number | null;
  quiet_end: number | null;
  time_zone: Generated<string>;
}
export interface InboundEmailsTable {
  id: Generated<number>;
  message_id: string;
  person_id: number | null;
  outcome: "processing" | "posted" | "held" | "refused" | "ignored";
  detail: string | null;
  received_at: string;
}

export type NoticeStatus = "pending" | "executed" | "cancelled";
export interface MembershipNoticesTable {
  id: Generated<number>;
  person_id: number;
  policy_version: number;
  message: string;
  reasons: string;
  revoke_at: string;
  status: NoticeStatus;
  created_at: string;
  resolved_at: string | null;
}

export type AppealStatus = "open" | "upheld" | "denied";
export interface AppealsTable {
  id: Generated<number>;
  person_id: number;
  revocation_audit_id: number;
  statement: string;
  status: AppealStatus;
  created_at: string;
  decided_at: string | null;
  decided_by: number | null;
  decision_reason: string | null;
}

export interface ConversationsTable {
  id: Generated<number>;
  pair_key: string;
  started_by: number;
  created_at: string;
  last_message_at: string;
}

export interface ConversationParticipantsTable {
  id: Generated<number>;
  conversation_id: number;
  person_id: number;
  last_read_at: string | null;
}

export interface MessagesTable {
  id: Generated<number>;
  conversation_id: number;
  sender_id: number;
  body: string;
  created_at: string;
}

export interface BlocksTable {
  id: Generated<number>;
  blocker_id: number;
  blocked_id: number;
  created_at: string;
}

export interface RateLimitEventsTable {
  id: Generated<number>;
  key: string;
  at: string;
}

export const PROPOSAL_STATUSES = ["seconding", "open", "adopted", "withdrawn"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export interface PolicyProposalsTable {
  id: Generated<number>;
  policy_version: number;
  proposed_by: number | null;
  discussion: string;
  voting_days: number;
  status: ProposalStatus;
  created_at: string;
  opened_at: string | null;
  deadline: string | null;
  adopted_at: string | null;
  /** The proposal's discussion thread in the forum (migration 013); null for older proposals. */
  thread_id: number | null;
}

export interface PolicySecondsTable {
  id: Generated<number>;
  proposal_id: number;
  person_id: number;
  created_at: string;
}

export const VOTE_CHOICES = ["yes", "no", "abstain"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export interface PolicyVotesTable {
  id: Generated<number>;
  proposal_id: number;
  person_id: number;
  choice: VoteChoice;
  role_level: RoleLevel;
  created_at: string;
  updated_at: string;
}

/** Council-wide published threads per framework cell and maturity stage ('' for none); kept by triggers (migration 014). */
export interface FrameworkCellCountsTable {
  lifecycle_area: string;
  discipline: string;
  maturity_stage: string;
  thread_count: number;
}

/** A backup attempt (migration 401): the file and its checksum when it succeeded, the error when it failed. */
export interface BackupRunsTable {
  id: Generated<number>;
  kind: "nightly" | "manual";
  started_at: string;
  finished_at: string;
  ok: number;
  file: string | null;
  size_bytes: number | null;
  sha256: string | null;
  error: string | null;
}

export interface DB {
  lifecycle_areas: FrameworkTermTable;
  disciplines: FrameworkTermTable;
  maturity_stages: FrameworkTermTable;
  chapters: ChaptersTable;
  people: PeopleTable;
  person_roles: PersonRolesTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  audit_log: AuditLogTable;
  applications: ApplicationsTable;
  threads: ThreadsTable;
  forum_meta: ForumMetaTable;
  search_changes: SearchChangesTable;
  framework_cell_counts: FrameworkCellCountsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  thread_reads: ThreadReadsTable;
  follows: FollowsTable;
  notifications: NotificationsTable;
  member_visits: MemberVisitsTable;
  flags: FlagsTable;
  strikes: StrikesTable;
  moderation_settings: ModerationSettingsTable;
  pitch_examples: PitchExamplesTable;
  pitch_models: PitchModelsTable;
  eligibility_policies: EligibilityPoliciesTable;
  outbox: OutboxTable;
  email_preferences: EmailPreferencesTable;
  email_notifications: EmailNotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  inbound_emails: InboundEmailsTable;
  gatherings: GatheringsTable;
  gathering_attendance: GatheringAttendanceTable;
  application_submissions: ApplicationSubmissionsTable;
  invitations: InvitationsTable;
  membership_notices: MembershipNoticesTable;
  appeals: AppealsTable;
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  messages: MessagesTable;
  blocks: BlocksTable;
  rate_limit_events: RateLimitEventsTable;
  policy_proposals: PolicyProposalsTable;
  policy_seconds: PolicySecondsTable;
  policy_votes: PolicyVotesTable;
  backup_runs: BackupRunsTable;
  password_resets: PasswordResetsTable;
  job_changes: JobChangesTable;
  email_changes: EmailChangesTable;
  recovery_codes: RecoveryCodesTable;
}

export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type Thread = Selectable<ThreadsTable>;
export type Post = Selectable<PostsTable>;
export type Application = Selectable<ApplicationsTable>;
