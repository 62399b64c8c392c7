// The heavy part of starting scripts/serve.ts, in a short-lived child process, so the long-lived server process
// (WORKERS=1) or cluster primary (WORKERS > 1) never holds what it took: migrating and seeding the database
// (prepareDatabase: Kysely's migrator, every migration, the demo seed with the markdown renderer and the pitch check,
// +40 MB on the 1M-post bench council) and, for WORKERS > 1, bundling the workers' JavaScript (worker-bundle.ts).
// The parent has already claimed the database (pid file); the child reports back over IPC and exits.
import { fork } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { withTsxLoader } from "./cluster";

export type Prepared = {
  seededDemo: boolean;
  demo: { password: string; accounts: { email: string; role: string }[] };
  /** WORKERS > 1: the bundled worker entry to run without tsx, or undefined (then the workers run serve.ts under tsx). */
  workerEntry?: string;
};

/**
 * This file's TypeScript source: the child runs it under tsx even when this process runs bundled JavaScript
 * (scripts/launch.mjs; the bundle is two folders deep, like scripts/lib/, so "../.." is the project either way).
 */
const PREPARE_SOURCE = path.resolve(import.meta.dirname, "../../scripts/lib/prepare.ts");

/** Runs the preparation in a child (same Node flags, plus tsx); exits this process with the child's code when it fails. */
export function prepareInChild(options: { fresh?: boolean; bundleWorkers: boolean }): Promise<Prepared> {
  const args = [...(options.fresh ? ["--fresh"] : []), ...(options.bundleWorkers ? ["--bundle-workers"] : [])];
  const child = fork(PREPARE_SOURCE, args, { execArgv: withTsxLoader(process.execArgv), stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let prepared: Prepared | undefined;
  child.on("message", (message) => (prepared = message as Prepared));
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      if (code === 0 && prepared) return resolve(prepared);
      // The child has said why on stderr (one line, as every CLI does).
      if (signal) console.error(`Council cannot start: preparing the database stopped (${signal}).`);
      process.exit(code || 1);
    });
  });
}

async function main() {
  const { runCli } = await import("./cli");
  await runCli(async () => {
    const { resolveEnvOrExit } = await import("./mode");
    const { prepareDatabase } = await import("./database");
    const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("../../db/seed/demo");
    const env = resolveEnvOrExit();
    const { db, seededDemo } = await prepareDatabase(env, { fresh: process.argv.includes("--fresh") });
    await db.destroy(); // the server opens its own connection
    let workerEntry: string | undefined;
    if (process.argv.includes("--bundle-workers")) workerEntry = await (await import("./worker-bundle")).bundleWorkerEntry();
    const prepared: Prepared = {
      seededDemo, workerEntry,
      demo: { password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS.map((a) => ({ email: a.email, role: a.role })) },
    };
    await new Promise<void>((resolve) => process.send!(prepared, () => resolve()));
  });
  process.exit(); // with runCli's exit code; nothing is left to wait for (esbuild's service would keep the child alive)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
