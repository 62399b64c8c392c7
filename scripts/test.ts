// npm test: typecheck, vitest (unit + integration), the integration suite again on a throwaway
// PostgreSQL, build, Playwright end-to-end in Chromium (and a smoke journey on PostgreSQL).
// Ends with one line "N passed, N failed" summed over every runner, which CI reads.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./lib/throwaway-postgres";

const e2eOnly = process.argv.includes("--e2e-only");
let passed = 0;
let failed = 0;
const run = (cmd: string, args: string[], options: SpawnSyncOptions = {}) =>
  spawnSync(cmd, args, { stdio: "inherit", ...options }).status ?? 1;

function ensureChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log("Chromium is missing; installing Debian's chromium with apt (root)…");
    run("apt-get", ["update", "-qq"]);
    if (run("apt-get", ["install", "-y", "-qq", "chromium"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }) === 0 && fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  console.error("End-to-end tests need Chromium. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium\n(or set CHROMIUM_PATH to a Chromium binary), then run npm test again.");
  return null;
}

fs.mkdirSync("test-results", { recursive: true });

/** Adds a vitest JSON report's counts; a run that failed outside any test counts one failure. */
function countVitest(file: string) {
  if (!fs.existsSync(file)) return void failed++;
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numTotalTestSuites > 0 && report.success === false && report.numFailedTests === 0 ? 1 : 0);
}

/**
 * The integration test files that take their database from tests/helpers/db.ts (createTestDb), so
 * they run on either engine, and the *.postgres.test.ts files (db:copy). The others test SQLite files and the CLIs over them (backups, health,
 * the server lock, database checks) and run on SQLite only.
 */
function engineNeutralIntegrationTests(): string[] {
  const dir = "tests/integration";
  return fs.readdirSync(dir).filter((f) => f.endsWith(".test.ts")).map((f) => path.join(dir, f))
    .filter((f) => f.endsWith(".postgres.test.ts") || fs.readFileSync(f, "utf8").includes("createTestDb("));
}

let postgres: ThrowawayPostgres | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    postgres?.stop();
    process.exit(130);
  });
}

if (!e2eOnly) {
  console.log("\n== typecheck ==");
  if (run("node_modules/.bin/tsc", ["--noEmit"]) === 0) passed++;
  else failed++;

  console.log("\n== lint ==");
  if (run("node_modules/.bin/tsx", ["scripts/lint.ts"]) === 0) passed++;
  else failed++;

  console.log("\n== unit and integration tests (vitest) ==");
  fs.rmSync("test-results/vitest.json", { force: true });
  run("node_modules/.bin/vitest", ["run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"]);
  countVitest("test-results/vitest.json");

  console.log("\n== integration tests on PostgreSQL (a throwaway server) ==");
  fs.rmSync("test-results/vitest-postgres.json", { force: true });
  try {
    postgres = await startThrowawayPostgres();
    console.log(`PostgreSQL is up at ${postgres.url}`);
    run("node_modules/.bin/vitest", ["run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest-postgres.json", ...engineNeutralIntegrationTests()],
      { env: { ...process.env, TEST_DATABASE_URL: postgres.url } });
    countVitest("test-results/vitest-postgres.json");
  } catch (error) {
    console.error((error as Error).message);
    failed++;
  } finally {
    postgres?.stop();
    postgres = undefined;
  }
}

console.log("\n== build ==");
if (run("node_modules/.bin/remix", ["vite:build"], { env: { ...process.env, NODE_ENV: "production" } }) !== 0) {
  failed++;
} else {
  console.log("\n== end-to-end tests (Playwright, Chromium) ==");
  const chromium = ensureChromium();
  if (!chromium) failed++;
  else {
    fs.rmSync("test-results/e2e.json", { force: true });
    const exitCode = run("node_modules/.bin/playwright", ["test"], { env: { ...process.env, CHROMIUM_PATH: chromium } });
    if (fs.existsSync("test-results/e2e.json")) {
      const stats = JSON.parse(fs.readFileSync("test-results/e2e.json", "utf8")).stats;
      passed += stats.expected;
      failed += stats.unexpected + stats.flaky;
      // A run that failed before any test (the web server did not start, a spec did not load) is a failure too.
      if (exitCode !== 0 && stats.unexpected + stats.flaky === 0) failed++;
      if (stats.skipped) console.log(`(${stats.skipped} end-to-end tests were skipped)`);
    } else failed++;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
