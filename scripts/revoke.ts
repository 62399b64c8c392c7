// npm run revoke -- --email x@y.com --rule eligibility_policy --reason "..." — revoke a membership from the shell.
import { z } from "zod";
import { revokeMembership } from "../app/membership/revocation.server";
import { REVOCATION_RULE_LABELS, REVOCATION_RULES, revocationReason, revocationRule } from "../app/membership/schemas/revoke";
import { CliError, parseOptions, runCli } from "./lib/cli";
import { openCouncil } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";

const USAGE = `Usage: npm run revoke -- --email <member email> --rule <rule> --reason <sentence>

Revokes a membership at once: ends every session, records the rule and reason in the audit log and
emails the reason to the person. The database (DATABASE_URL, else DATABASE_PATH) must already exist.

Rules (the same as the staff form's):
${REVOCATION_RULES.map((rule) => `  ${rule.padEnd(20)} ${REVOCATION_RULE_LABELS[rule]}`).join("\n")}

Options:
  --email <address>   the member's email
  --rule <rule>       one of the rules above
  --reason <text>     the reason in a sentence (10 to 2,000 characters); the person will read it
  -h, --help          show this help

Exit codes: 0 revoked, 1 refused (unknown member, already revoked, no Council database), 2 bad arguments.`;

await runCli(async () => {
  const args = parseOptions(
    { email: { type: "string" }, rule: { type: "string" }, reason: { type: "string" } },
    z.object({ email: z.email({ error: "must be an email address" }), rule: revocationRule, reason: revocationReason }),
    USAGE,
  );
  const env = resolveEnvOrExit();
  const db = await openCouncil(env);
  try {
    const person = await db.selectFrom("people").select("id").where("email_normalized", "=", args.email.toLowerCase()).executeTakeFirst();
    if (!person) throw new CliError(`No member with the email ${args.email}.`);
    await revokeMembership(db, null, { memberId: person.id, rule: args.rule, reason: args.reason });
    console.log(`Revoked ${args.email} under "${REVOCATION_RULE_LABELS[args.rule]}"; their sessions have ended.`);
  } finally {
    await db.destroy();
  }
});
