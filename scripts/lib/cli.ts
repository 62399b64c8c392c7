// The one way Council's command-line tools read their options and report failures.
//
//   await runCli(async () => {
//     const args = parseOptions({ "dry-run": { type: "boolean" } }, z.object({ "dry-run": z.boolean().default(false) }), USAGE);
//     const env = resolveEnvOrExit();
//     const db = await openCouncil(env);   // ./database.ts: DATABASE_URL, else DATABASE_PATH
//     …
//   });
//
// Bad input never ends in a stack trace: an unknown option, a value the schema refuses, a bad
// configuration or a path that is not a Council database is one plain line on stderr and a non-zero
// exit code (2 for bad arguments, 1 otherwise).
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";
import { ConfigError } from "../../app/platform/env.server";
import { DomainError } from "../../app/platform/errors";

/** A failure the person can fix (bad arguments, a wrong path): printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
    this.name = "CliError";
  }
}

/** Bad arguments: exit 2, with a pointer to --help. */
export const usageError = (message: string) => new CliError(`${message} Run with --help for usage.`, 2);

type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;

/**
 * Named options for a CLI, checked strictly: `--help`/`-h` prints the usage (exit 0); an unknown
 * option, a missing value, an unexpected argument or a value the schema refuses throws a
 * usageError (one line per problem, exit 2). With `positionals: true` the plain arguments are
 * returned as `positionals` (the caller checks how many).
 */
export function parseOptions<S extends z.ZodType>(
  options: OptionSpecs,
  schema: S,
  usage: string,
  config: { positionals?: boolean; args?: string[] } = {},
): z.infer<S> & { positionals: string[] } {
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: config.args ?? process.argv.slice(2),
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: config.positionals ?? false,
    }));
  } catch (error) {
    throw usageError(argumentMessage(error as Error & { code?: string }));
  }
  if (values.help) {
    process.stdout.write(usage.endsWith("\n") ? usage : `${usage}\n`);
    process.exit(0);
  }
  const { help: _help, ...rest } = values;
  const parsed = schema.safeParse(rest);
  if (!parsed.success) {
    throw new CliError(parsed.error.issues.map((issue) => `${optionProblem(issue, rest)} Run with --help for usage.`).join("\n"), 2);
  }
  return { ...(parsed.data as object), positionals } as z.infer<S> & { positionals: string[] };
}

/** node:util's parseArgs messages, on one line and to the point (its unknown-option text runs on about positionals). */
function argumentMessage(error: Error & { code?: string }): string {
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `Unknown option '${option}'.`;
  return error.message.split("\n").join(" ").replace(/\.?$/, ".");
}

/** "--rule: must be one of a, b, c (got "x")." — names the option, what it expects, and what it got. */
function optionProblem(issue: z.core.$ZodIssue, given: Record<string, unknown>): string {
  const name = `--${issue.path.join(".")}`;
  const value = issue.path.length ? given[String(issue.path[0])] : undefined;
  const values = issue.code === "invalid_value" ? issue.values.map(String) : undefined;
  // An enum's form message ("Choose the rule…") does not list the choices; the command line needs them.
  const expected = values && !values.every((v) => issue.message.includes(v)) ? `must be one of ${values.join(", ")}` : issue.message.replace(/\.$/, "");
  if (value === undefined) return `${name} is required: ${expected}.`;
  return `${name}: ${expected} (got ${JSON.stringify(value)}).`;
}

/**
 * Runs a CLI's main function with the top-level handler every tool shares: a known error (bad
 * arguments, configuration, a database path, a refused domain action, an SQLite or file-system
 * error) prints one plain line and sets the exit code; only a bug (anything else) keeps its stack trace.
 */
export async function runCli(main: () => Promise<void> | void): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

/** Prints an error the way runCli does and returns the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof CliError) {
    console.error(error.message);
    return error.exitCode;
  }
  if (error instanceof ConfigError || error instanceof DomainError) {
    console.error(error.message);
    return 1;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === "string" && (code.startsWith("SQLITE_") || /^E[A-Z]+$/.test(code))) {
    // The database or the file system refused (locked, read-only, full, no permission…): not a bug.
    console.error(`${code.startsWith("SQLITE_") ? "Database error" : "File error"}: ${error.message} (${code})`);
    return 1;
  }
  console.error("Unexpected error (a bug in Council; please report it with the command you ran):");
  console.error(error);
  return 1;
}
