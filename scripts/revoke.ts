// npm run revoke -- --email x@y.com --rule "eligibility policy" --reason "..." — revoke a membership from the shell.
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDb } from "../app/lib/db.server";
import { DomainError } from "../app/lib/errors";
import { revokeMembership } from "../app/lib/membership.server";
import { resolveEnvOrExit } from "./lib/mode";

const usage = `Usage: npm run revoke -- --email <member email> --rule <rule> --reason <sentence>
Revokes a membership at once: ends every session, records the rule and reason in the audit log.
Exit codes: 0 revoked, 1 refused (unknown member, already revoked), 2 bad arguments.`;

let values;
try {
  ({ values } = parseArgs({ options: { email: { type: "string" }, rule: { type: "string" }, reason: { type: "string" }, help: { type: "boolean" } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const args = z.object({ email: z.email(), rule: z.string().min(1), reason: z.string().min(10) }).safeParse(values);
if (!args.success) {
  console.error(args.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n") + `\n\n${usage}`);
  process.exit(2);
}
const env = resolveEnvOrExit();
const db = openDb(env.databasePath);
const person = await db.selectFrom("people").select("id").where("email_normalized", "=", args.data.email.toLowerCase()).executeTakeFirst();
if (!person) {
  console.error(`No member with the email ${args.data.email}.`);
  process.exit(1);
}
try {
  await revokeMembership(db, null, { memberId: person.id, rule: args.data.rule, reason: args.data.reason });
  console.log(`Revoked ${args.data.email}; their sessions have ended.`);
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(error.message);
  process.exit(1);
} finally {
  await db.destroy();
}
