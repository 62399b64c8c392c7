// npm run revoke -- --email x@y.com --rule "eligibility policy" --reason "..." — revoke a membership from the shell.
import { z } from "zod";
import { openDb } from "../app/platform/db.server";
import { DomainError } from "../app/platform/errors";
import { revokeMembership } from "../app/membership/revocation.server";
import { parseOptions } from "./lib/cli";
import { resolveEnvOrExit } from "./lib/mode";

const usage = `Usage: npm run revoke -- --email <member email> --rule <rule> --reason <sentence>
Revokes a membership at once: ends every session, records the rule and reason in the audit log.
Exit codes: 0 revoked, 1 refused (unknown member, already revoked), 2 bad arguments.`;

const args = parseOptions({ email: { type: "string" }, rule: { type: "string" }, reason: { type: "string" } },
  z.object({ email: z.email(), rule: z.string().min(1), reason: z.string().min(10) }), usage);
const env = resolveEnvOrExit();
const db = openDb(env.databasePath);
const person = await db.selectFrom("people").select("id").where("email_normalized", "=", args.email.toLowerCase()).executeTakeFirst();
if (!person) {
  console.error(`No member with the email ${args.email}.`);
  process.exit(1);
}
try {
  await revokeMembership(db, null, { memberId: person.id, rule: args.rule, reason: args.reason });
  console.log(`Revoked ${args.email}; their sessions have ended.`);
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(error.message);
  process.exit(1);
} finally {
  await db.destroy();
}
