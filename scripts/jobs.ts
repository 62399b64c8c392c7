// npm run jobs — runs due work once: revocations whose notice period has ended (re-checked under
// the policy in force), then email delivery. The server also runs this every hour.
import { z } from "zod";
import { runJobs } from "../app/jobs.server";
import { parseOptions, runCli } from "./lib/cli";
import { openCouncil } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";

const USAGE = `Usage: npm run jobs
Runs due work once: ends memberships whose notice period has passed (a member who qualifies again
under the current policy is spared and the notice cancelled), then delivers queued email, then forgets
rate-limit events older than any limit's window. The database (DATABASE_URL, else DATABASE_PATH) must already exist.
Exit codes: 0 done, 1 a job failed (or no Council database), 2 bad arguments.`;

await runCli(async () => {
  parseOptions({}, z.object({}), USAGE);
  const env = resolveEnvOrExit();
  const db = await openCouncil(env);
  try {
    const result = await runJobs(db);
    console.log(`jobs: ${result.revoked} revoked, ${result.cancelled} notices cancelled, ${result.email.sent} emails sent, ${result.email.failed} failed, ${result.rateLimitEventsPruned} old rate-limit events forgotten`);
  } finally {
    await db.destroy();
  }
});
