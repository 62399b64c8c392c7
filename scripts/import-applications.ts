// npm run import-applications -- <file.jsonl|file.csv> [--dry-run]
// Loads an existing list as applications. Every row is validated like the /apply form; if any row
// is invalid, the problems are printed with their line numbers and nothing is imported.
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { findConflicts, IMPORT_FIELDS, importApplications, parseImportFile } from "../app/membership/import-applications.server";
import { ROLE_LEVELS, MEMBER_TYPES } from "../db/schema";
import { parseOptions, runCli, usageError } from "./lib/cli";
import { openCouncil } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";

const USAGE = `Usage: npm run import-applications -- <file.jsonl|file.csv> [--dry-run]

Loads an existing list as applications, checked exactly like the /apply form. If any row is
invalid, every problem is printed with its line number and NOTHING is imported; otherwise all
rows are imported in one transaction. Each applicant is emailed their reference and private
status link, and the review window of the current policy applies.

Fields (JSONL: one object a line; CSV: a header line with these names, RFC 4180 quoting):
  name, email, title, company   required
  roleLevel                     ${ROLE_LEVELS.join(" | ")}
  socialResponsibility          yes | no (also true/false)
  memberType                    ${MEMBER_TYPES.join(" | ")}
  socialResponsibilityNote      optional: a sentence on the responsibility they carry
  profileUrl, referredBy        optional

Options:
  --dry-run   validate and report counts; import nothing
  -h, --help  show this help

Exit codes: 0 imported (or valid, with --dry-run), 1 invalid rows (nothing imported) or no Council
database at DATABASE_URL or DATABASE_PATH, 2 usage error.`;

await runCli(async () => {
  const args = parseOptions({ "dry-run": { type: "boolean" } }, z.object({ "dry-run": z.boolean().default(false) }), USAGE, { positionals: true });
  if (args.positionals.length !== 1) throw usageError(args.positionals.length ? "Give exactly one file." : "Give the file to import.");
  const file = args.positionals[0];
  const extension = path.extname(file).toLowerCase();
  const format = extension === ".csv" ? "csv" : extension === ".jsonl" || extension === ".ndjson" ? "jsonl" : null;
  if (!format) throw usageError(`${file}: the file name must end in .jsonl or .csv.`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw usageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }

  const { rows, problems } = parseImportFile(text, format);
  const env = resolveEnvOrExit();
  const db = await openCouncil(env);
  try {
    const all = [...problems, ...(await findConflicts(db, rows))].sort((a, b) => a.line - b.line);
    if (all.length) {
      for (const p of all) console.error(`${file}:${p.line}: ${p.message}`);
      const lines = new Set(all.map((p) => p.line)).size;
      console.error(`\n${lines} invalid ${lines === 1 ? "row" : "rows"}; nothing was imported. Fix the rows above and run again.`);
      process.exitCode = 1;
    } else if (rows.length === 0) {
      console.log(`${file}: no rows to import (expected fields: ${IMPORT_FIELDS.join(", ")}).`);
    } else if (args["dry-run"]) {
      console.log(`Dry run: ${rows.length} valid ${rows.length === 1 ? "row" : "rows"}; nothing was imported.`);
    } else {
      const references = await importApplications(db, rows, path.basename(file));
      console.log(`Imported ${references.length} ${references.length === 1 ? "application" : "applications"} (${references[0]} … ${references[references.length - 1]}); each applicant was emailed their status link.`);
    }
  } finally {
    await db.destroy();
  }
});
