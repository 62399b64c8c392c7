// npm run -s inbound-mail < message.eml — one inbound reply from a pipe (Postfix's pipe(8), procmail,
// a provider's webhook script). The same handling as the SMTP listener; the exit code tells the mail
// server what to do (sysexits.h, which Postfix turns into a bounce with our stderr line in it).
import { z } from "zod";
import { receiveInboundEmail } from "../app/forum/inbound-mail.server";
import { parseOptions, runCli } from "./lib/cli";
import { DatabaseUnavailable, openCouncil } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";

const USAGE = `Usage: npm run -s inbound-mail -- [--recipient ADDRESS] < message.eml
Reads one email (RFC 5322, as a mail server delivers it) on stdin and, when it is a reply to a council
notification (sent to reply+<token>@REPLY_DOMAIN by the member it was sent to), posts its new text —
quoted history and signature removed — as that member's reply or message, under the same rules as
the website. The database (DATABASE_URL, else DATABASE_PATH) must already exist; REPLY_DOMAIN must be set.

Options:
  --recipient ADDRESS  the envelope recipient (Postfix: \${recipient}); without it To, Cc and
                       Delivered-To are read
  -h, --help           show this help

Prints one line: the outcome (posted, held, ignored, duplicate, refused) and why.
Exit codes: 0 posted, held for review, ignored (a bounce or an auto-reply) or already handled;
  65 the input is not an email; 67 no such reply address (unknown, forged, or From is not the member);
  77 refused (not an active member, nothing written, or the website's rules refused it);
  75 a temporary failure (the mail server should retry); 2 bad arguments.`;

const EXIT = { ok: 0, unreadable: 65, no_such_address: 67, not_permitted: 77 } as const;

await runCli(async () => {
  const args = parseOptions({ recipient: { type: "string" } }, z.object({ recipient: z.string().email("must be an email address").optional() }), USAGE);
  const env = resolveEnvOrExit();
  if (!env.replyDomain) {
    console.error("REPLY_DOMAIN is not set, so there are no reply addresses to receive mail for (see README.md, \"Reply by email\").");
    process.exitCode = 78; // EX_CONFIG
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  let db;
  try {
    db = await openCouncil(env);
  } catch (error) {
    if (!(error instanceof DatabaseUnavailable)) throw error;
    console.error(error.message);
    process.exitCode = 75; // EX_TEMPFAIL: PostgreSQL did not answer; the mail server keeps the message and retries
    return;
  }
  try {
    const result = await receiveInboundEmail(db, Buffer.concat(chunks), { recipients: args.recipient ? [args.recipient] : undefined });
    const line = `${result.outcome}: ${result.reason}${result.path ? ` ${result.path}` : ""}`;
    if (result.outcome === "refused") console.error(line);
    else console.log(line);
    process.exitCode = EXIT[result.code];
  } catch (error) {
    console.error("inbound-mail: a temporary failure; the mail server should retry.", error instanceof Error ? error.message : error);
    process.exitCode = 75; // EX_TEMPFAIL
  } finally {
    await db.destroy();
  }
});
