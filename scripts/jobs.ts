// npm run jobs — runs due work once: revocations whose notice period has ended (re-checked under
// the policy in force), then email delivery. The server also runs this every hour.
import { openDb } from "../app/platform/db.server";
import { runJobs } from "../app/jobs.server";
import { resolveEnvOrExit } from "./lib/mode";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(`Usage: npm run jobs
Runs due work once: ends memberships whose notice period has passed (a member who qualifies again
under the current policy is spared and the notice cancelled), then delivers queued email, then forgets
rate-limit events older than any limit's window.
Exit codes: 0 done, 1 a job failed.`);
  process.exit(0);
}
const env = resolveEnvOrExit();
const db = openDb(env.databasePath);
try {
  const result = await runJobs(db);
  console.log(`jobs: ${result.revoked} revoked, ${result.cancelled} notices cancelled, ${result.email.sent} emails sent, ${result.email.failed} failed, ${result.rateLimitEventsPruned} old rate-limit events forgotten`);
} catch (error) {
  console.error("jobs failed:", error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
