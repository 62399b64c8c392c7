// npm run digest -- [--dry-run] [--frequency weekly|monthly] [--now ISO] — send the email digest.
import { z } from "zod";
import { sendDigests } from "../app/governance/digest.server";
import { parseOptions, runCli } from "./lib/cli";
import { openCouncil } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";

const usage = `Usage: npm run digest -- [--dry-run] [--frequency weekly|monthly] [--now <ISO time>]

Sends the email digest to every active, subscribed member whose digest is due (their preference,
weekly by default, and at least a week or a month since their last one). A digest lists, since their
last digest, the top new threads in the lifecycle areas they follow (the council's when they follow
none), new replies in their threads and threads they follow, and open policy votes; members with
nothing new get none. Each is queued in the outbox (one transaction per member) and delivered when SMTP_URL
is set. Run it from cron, e.g. weekly: "0 7 * * 1 npm run digest" and monthly: "0 7 1 * * npm run digest -- --frequency monthly".

Options:
  --dry-run                Print, per member, what would be sent (to, subject, text); send nothing, change nothing.
  --frequency <f>          weekly (default) or monthly: which members' digests to send.
  --now <ISO time>         Pretend it is this time (e.g. 2026-11-30T07:00:00Z); for testing.
  -h, --help               Show this help.

Exit codes: 0 done (also when nobody had anything new), 1 failed (or no Council database at DATABASE_URL or DATABASE_PATH),
2 bad arguments.`;

await runCli(async () => {
  const args = parseOptions({ "dry-run": { type: "boolean" }, frequency: { type: "string" }, now: { type: "string" } }, z.object({
    "dry-run": z.boolean().default(false),
    frequency: z.enum(["weekly", "monthly"], { error: "must be weekly or monthly" }).default("weekly"),
    now: z.iso.datetime({ offset: true, error: "must be an ISO time such as 2026-11-30T07:00:00Z" }).optional(),
  }), usage);

  const env = resolveEnvOrExit();
  const db = await openCouncil(env);
  try {
    const dryRun = args["dry-run"];
    const results = await sendDigests(db, { frequency: args.frequency, now: args.now ? new Date(args.now) : new Date(), dryRun });
    for (const r of results) {
      if (dryRun) console.log(`=== To: ${r.to}\nSubject: ${r.subject}\n\n${r.text}\n`);
    }
    const verb = dryRun ? "would be sent" : env.smtpUrl ? "queued and delivered" : "stored in the outbox (SMTP_URL is not set)";
    console.log(`${results.length} ${results.length === 1 ? "digest" : "digests"} ${verb}.`);
  } finally {
    await db.destroy();
  }
});
