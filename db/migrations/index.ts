// Migrations are listed statically so they work the same from tsx, vitest and the Vite server
// bundle (Kysely's FileMigrationProvider needs a directory on disk at run time).
import type { Migration } from "kysely";
import * as foundation from "./2026-11-23-001-foundation";
import * as membership from "./2026-11-23-002-membership";
import * as forum from "./2026-11-23-003-forum";
import * as search from "./2026-11-23-004-search";
import * as applications from "./2026-11-23-005-applications";
import * as policyChanges from "./2026-11-23-006-policy-changes";
import * as chapters from "./2026-11-23-007-chapters";
import * as digest from "./2026-11-23-008-digest";
import * as messages from "./2026-11-23-010-messages";
import * as votes from "./2026-11-23-011-votes";
import * as flagsStrikes from "./2026-11-23-012-flags-strikes";
import * as proposalThread from "./2026-11-23-013-proposal-thread";
import * as frameworkCellCounts from "./2026-11-23-014-framework-cell-counts";
import * as accountRecovery from "./2026-12-01-301-account-recovery";
import * as twoFactor from "./2026-12-01-302-two-factor";
import * as sessionDetails from "./2026-12-01-303-session-details";
import * as backupRuns from "./2026-12-01-401-backup-runs";
import * as pitchLearning from "./2026-12-01-501-pitch-learning";
import * as resignation from "./2026-12-01-601-resignation";
import * as emailChanges from "./2026-12-01-602-email-changes";
import * as emailNotifications from "./2026-12-01-801-email-notifications";
import * as threadContentVersion from "./2026-12-01-901-thread-content-version";
import * as forumVersion from "./2026-12-01-902-forum-version";
import * as searchChangeLog from "./2026-12-01-903-search-change-log";
import * as threadsVisibleLatest from "./2026-12-01-904-threads-visible-latest";
import * as threadsVisibleLatestVersion from "./2026-12-02-905-threads-visible-latest-version";
import * as flagsOpenByPerson from "./2026-12-02-906-flags-open-by-person";

export const migrations: Record<string, Migration> = {
  "2026-11-23-001-foundation": foundation,
  "2026-11-23-002-membership": membership,
  "2026-11-23-003-forum": forum,
  "2026-11-23-004-search": search,
  "2026-11-23-005-applications": applications,
  "2026-11-23-006-policy-changes": policyChanges,
  "2026-11-23-007-chapters": chapters,
  "2026-11-23-008-digest": digest,
  "2026-11-23-010-messages": messages,
  "2026-11-23-011-votes": votes,
  "2026-11-23-012-flags-strikes": flagsStrikes,
  "2026-11-23-013-proposal-thread": proposalThread,
  "2026-11-23-014-framework-cell-counts": frameworkCellCounts,
  "2026-12-01-301-account-recovery": accountRecovery,
  "2026-12-01-302-two-factor": twoFactor,
  "2026-12-01-303-session-details": sessionDetails,
  "2026-12-01-401-backup-runs": backupRuns,
  "2026-12-01-501-pitch-learning": pitchLearning,
  "2026-12-01-601-resignation": resignation,
  "2026-12-01-602-email-changes": emailChanges,
  "2026-12-01-801-email-notifications": emailNotifications,
  "2026-12-01-901-thread-content-version": threadContentVersion,
  "2026-12-01-902-forum-version": forumVersion,
  "2026-12-01-903-search-change-log": searchChangeLog,
  "2026-12-01-904-threads-visible-latest": threadsVisibleLatest,
  "2026-12-02-905-threads-visible-latest-version": threadsVisibleLatestVersion,
  "2026-12-02-906-flags-open-by-person": flagsOpenByPerson,
};
