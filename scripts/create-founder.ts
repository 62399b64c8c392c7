// npm run create-founder -- --email x@y.com --name "…" — a production council's first founder, without the demo seed.
import { z } from "zod";
import { MEMBER_TYPES, ROLE_LEVELS } from "../db/schema";
import { createFounder } from "../app/membership/founders.server";
import { CliError, parseOptions, runCli } from "./lib/cli";
import { openCouncil } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";

const USAGE = `Usage: npm run create-founder -- --email <address> --name <full name> [options] < password

Creates an active founder account (roles member and founder) in the Council database (DATABASE_URL, else DATABASE_PATH),
which must already exist (npm run db:migrate, or npm start, creates it). For a production council that
needs its first founder without the demo seed; later founders are usually invited from /invitations/new.

The password is read from stdin: typed twice at a hidden prompt in a terminal, or the first line of
piped input (e.g. from a secrets manager). It must have 12+ characters and be hard to guess (zxcvbn
score 3 of 4; the name, email and company count against it). It never appears in arguments or logs.

Options:
  --email <address>        the founder's email (they sign in with it)
  --name <full name>       2 to 120 characters
  --title <job title>      default "Founder"
  --company <company>      default the email's domain
  --role-level <level>     ${ROLE_LEVELS.join(", ")} (default c_level)
  --member-type <type>     ${MEMBER_TYPES.join(", ")} (default executive)
  --another                add a founder although one already exists
  -h, --help               show this help

Audited as founder.created. Exit codes: 0 created, 1 refused (a founder already exists without --another,
the email is taken, the password is too weak, no Council database), 2 bad arguments or no password given.`;

const schema = z.object({
  email: z.email({ error: "must be an email address" }).max(200),
  name: z.string().trim().min(2, "must be 2 to 120 characters").max(120, "must be 2 to 120 characters"),
  title: z.string().trim().min(2, "must be 2 to 160 characters").max(160, "must be 2 to 160 characters").default("Founder"),
  company: z.string().trim().min(2, "must be 2 to 160 characters").max(160, "must be 2 to 160 characters").optional(),
  "role-level": z.enum(ROLE_LEVELS, { error: "Choose a role level." }).default("c_level"),
  "member-type": z.enum(MEMBER_TYPES, { error: "Choose a member type." }).default("executive"),
  another: z.boolean().default(false),
});

/** A line typed without echo (raw mode), for a terminal. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => { stdin.off("data", onData); stdin.setRawMode(false); stdin.pause(); stderr.write("\n"); };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") { finish(); resolve(value); return; }
        if (ch === "\u0003" || ch === "\u0004") { finish(); reject(new CliError("Cancelled; nothing was created.", 1)); return; }
        value = ch === "\u007f" || ch === "\b" ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden("Password for the new founder: ");
    const again = await promptHidden("The same password again: ");
    if (first !== again) throw new CliError("The two passwords do not match; nothing was created.", 2);
    return first;
  }
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const password = input.split(/\r?\n/)[0] ?? "";
  if (!password) throw new CliError("No password on stdin: pipe it in (first line) or run in a terminal to be asked. Run with --help for usage.", 2);
  return password;
}

await runCli(async () => {
  const args = parseOptions(
    {
      email: { type: "string" }, name: { type: "string" }, title: { type: "string" }, company: { type: "string" },
      "role-level": { type: "string" }, "member-type": { type: "string" }, another: { type: "boolean" },
    },
    schema,
    USAGE,
  );
  const env = resolveEnvOrExit();
  const db = await openCouncil(env);
  try {
    const password = await readPassword();
    const company = args.company ?? args.email.split("@")[1]!;
    const id = await createFounder(db, {
      email: args.email, name: args.name, title: args.title, company, roleLevel: args["role-level"], memberType: args["member-type"], password,
    }, { another: args.another });
    console.log(`Created founder #${id} ${args.name} <${args.email}>. They can sign in at /login now` +
      (env.mode === "production" ? "; two-factor sign-in is required before they open staff pages." : "."));
  } finally {
    await db.destroy();
  }
});
