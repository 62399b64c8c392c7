// npm run db:copy -- --to postgres://…  — moves a SQLite council into an empty PostgreSQL database.
import Database from "better-sqlite3";
import { z } from "zod";
import { openPostgres } from "../app/platform/db.server";
import { CliError, parseOptions, runCli } from "./lib/cli";
import { copyCouncil } from "./lib/copy-council";
import { openCouncilDatabase } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";

const USAGE = `Usage: npm run db:copy -- --to postgres://user:password@host:5432/council [--from ./data/council.db]
Copies the SQLite council at --from (default: DATABASE_PATH, ./data/council.db) into an EMPTY PostgreSQL
database: migrates it, copies every table in one transaction, sets the id sequences, rebuilds the search
index, and prints each table's row count on both sides. The SQLite file is only read. Stop the server
first (or copy from a backup: npm run backup) so nothing is written during the copy. Then start Council
with DATABASE_URL set to the same URL.
Exit codes: 0 copied (counts equal), 1 refused or failed (nothing is left half-copied: the data copy is
one transaction), 2 bad arguments.`;

await runCli(async () => {
  const args = parseOptions(
    { to: { type: "string" }, from: { type: "string" } },
    z.object({
      to: z.string({ error: "--to is required: the PostgreSQL database's URL" }).regex(/^postgres(ql)?:\/\/./, "--to must be a postgres:// URL"),
      from: z.string().min(1).optional(),
    }),
    USAGE,
  );
  const env = resolveEnvOrExit();
  const from = args.from ?? env.databasePath;
  const check = openCouncilDatabase(from, args.from ? { name: `--from ${from}` } : {}); // refuses a file that is not an up-to-date council
  await check.destroy();
  const source = new Database(from, { readonly: true, fileMustExist: true });
  const target = openPostgres(args.to, { poolSize: 2 });
  try {
    await target.selectNoFrom((eb) => eb.val(1).as("ok")).execute().catch((error: Error) => {
      throw new CliError(`Cannot connect to the PostgreSQL database at --to: ${error.message}`);
    });
    console.log(`Copying ${from} into PostgreSQL…`);
    const counts = await copyCouncil(source, target, (line) => console.log(line));
    const width = Math.max(...counts.map((c) => c.table.length));
    console.log(`\n${"table".padEnd(width)}  ${"sqlite".padStart(9)}  ${"postgres".padStart(9)}`);
    for (const c of counts) console.log(`${c.table.padEnd(width)}  ${String(c.source).padStart(9)}  ${String(c.target).padStart(9)}${c.source === c.target ? "" : "  DIFFERENT"}`);
    const different = counts.filter((c) => c.source !== c.target);
    if (different.length) throw new CliError(`Row counts differ in ${different.map((c) => c.table).join(", ")}.`);
    console.log(`\nCopied. Start Council with DATABASE_URL set to that URL.`);
  } finally {
    source.close();
    await target.destroy();
  }
});
