// Every operator tool, given bad input as a new user would type it: an unknown option, a database
// path that is not a Council database, a bad configuration. Each must refuse with one plain line
// (never a stack trace), a non-zero exit code, and leave the file as it was (or absent, as it was).
import Database from "better-sqlite3";
import { existsSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, it, type ExpectStatic } from "vitest";
import { openDb } from "../../app/platform/db.server";
import { ensureDefaultPolicy } from "../../app/membership/policy.server";
import { REVOCATION_RULES } from "../../app/membership/schemas/revoke";
import { migrateToLatest } from "../../db/migrate";
import { seedFramework } from "../../db/seed/demo";
import { makeMember } from "../factories";
import { runScript, sha256, STACK_FRAME, stderrLines, type CliResult } from "../helpers/cli";

const dir = mkdtempSync(path.join(tmpdir(), "bad-input-cli-"));
const at = (name: string) => path.join(dir, name);
const TEXT_FILE = at("applicants.jsonl"); // the file db:reset once overwrote
const OTHER_SQLITE = at("other-app.db"); // someone else's SQLite database
const MISSING = at("no-such-folder/deeper/council.db");
const COUNCIL = at("council.db");
const APPLICANTS = at("import.jsonl");

beforeAll(async () => {
  writeFileSync(TEXT_FILE, '{"name":"Ada Lovelace","email":"ada@acme.example"}\n');
  writeFileSync(APPLICANTS, "");
  const other = new Database(OTHER_SQLITE);
  other.exec("create table notes (id integer primary key, body text); insert into notes (body) values ('keep me')");
  other.close();
  const db = openDb(COUNCIL);
  await migrateToLatest(db);
  await seedFramework(db);
  await ensureDefaultPolicy(db);
  await makeMember(db, { email: "leaving@acme.example" });
  await makeMember(db, { email: "staying@acme.example" });
  await db.destroy();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One plain line on stderr, no stack trace. */
function expectOnePlainLine(expect: ExpectStatic, result: CliResult, text: string | RegExp) {
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(stderrLines(result)).toHaveLength(1);
  expect(result.stderr).toMatch(text);
}

// Each tool with arguments that are otherwise valid, so only the tested input is wrong.
const REVOKE_ARGS = ["--email", "leaving@acme.example", "--rule", "conduct", "--reason", "Repeated personal attacks on members."];
const ALL_TOOLS: [string, string[]][] = [
  ["jobs", []],
  ["revoke", REVOKE_ARGS],
  ["digest", ["--dry-run"]],
  ["import-applications", ["--dry-run", APPLICANTS]],
  ["db-migrate", []],
  ["db-reset", []],
  ["pitch-check", []],
  ["pitch-eval", []],
  ["eligibility", []],
  ["serve", []],
  ["start", []],
  ["create-founder", ["--email", "first@acme.example", "--name", "First Founder"]],
  ["inbound-mail", []],
];
/** The tools that read a council's database but must never create one. */
const DATABASE_TOOLS = ALL_TOOLS.slice(0, 4);

// Spawning tsx costs about a second of CPU on a busy machine, so each tool meets each kind of bad
// input once, and the variants of a check (every kind of non-Council file, every variable) are
// tested in process: tests/integration/database.test.ts (which also checks what db:reset says it
// deletes) and tests/unit/request.test.ts.
describe.concurrent("operator tools refuse bad input safely", { timeout: 120_000 }, () => {
  it.for(ALL_TOOLS)("%s: an unknown option exits 2 with one line, and nothing runs", async ([tool, args], { expect }) => {
    const before = sha256(COUNCIL);
    const result = await runScript(tool, [...args, "--dry-rnu"], { env: { DATABASE_PATH: COUNCIL } });
    expect(result.status).toBe(2);
    expectOnePlainLine(expect, result, "Unknown option '--dry-rnu'. Run with --help for usage.");
    expect(sha256(COUNCIL)).toBe(before);
  });

  // Text files and someone else's SQLite database, alternately; db:migrate and db:reset (which may
  // create a database, never take over another file) get both.
  const notCouncil: [string, string, string[]][] = [
    ...DATABASE_TOOLS.map(([tool, args], i): [string, string, string[]] => [tool, i % 2 ? OTHER_SQLITE : TEXT_FILE, args]),
    ["db-migrate", TEXT_FILE, []],
    ["db-migrate", OTHER_SQLITE, []],
    ["db-reset", TEXT_FILE, []],
    ["db-reset", OTHER_SQLITE, []],
  ];
  it.for(notCouncil)("%s: DATABASE_PATH=%s (not a Council database) is refused and left untouched", async ([tool, file, args], { expect }) => {
    const before = sha256(file);
    const result = await runScript(tool, args, { env: { DATABASE_PATH: file } });
    expect(result.status).toBe(1);
    expectOnePlainLine(expect, result, file === TEXT_FILE ? /is not a SQLite database.*refusing to touch it/ : /is a SQLite database but not Council's \(it has no kysely_migration table\); refusing to touch it/);
    expect(result.stdout).toBe("");
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`) || existsSync(`${file}-journal`)).toBe(false);
  });

  it.for(DATABASE_TOOLS)("%s: a missing DATABASE_PATH is refused, and neither the file nor its folders are created", async ([tool, args], { expect }) => {
    const result = await runScript(tool, args, { env: { DATABASE_PATH: MISSING } });
    expect(result.status).toBe(1);
    expectOnePlainLine(expect, result, `DATABASE_PATH=${MISSING}: there is no Council database there`);
    expect(existsSync(at("no-such-folder"))).toBe(false);
  });

  it("jobs: DATABASE_PATH under /proc (a system folder) is refused before anything opens it", async ({ expect }) => {
    const result = await runScript("jobs", [], { env: { DATABASE_PATH: "/proc/council.db" } });
    expect(result.status).toBe(1);
    expectOnePlainLine(expect, result, "DATABASE_PATH=/proc/council.db: /proc is a system folder, not a place for a database.");
  });

  it("db-reset: \"npm run db:reset --dry-run\" (npm keeps the flag) deletes nothing; production mode is refused", async ({ expect }) => {
    const before = sha256(COUNCIL);
    const [dryRun, production] = await Promise.all([
      runScript("db-reset", [], { env: { DATABASE_PATH: COUNCIL, npm_config_dry_run: "true" } }),
      runScript("db-reset", [], { env: { DATABASE_PATH: COUNCIL, COUNCIL_MODE: "production", PUBLIC_URL: "https://council.example.com", APP_SECRET: "s".repeat(40), TOTP_ENCRYPTION_KEY: "ab".repeat(32) } }),
    ]);
    expect(dryRun.status).toBe(2);
    expectOnePlainLine(expect, dryRun, "db:reset has no --dry-run (npm took the flag for itself); nothing was deleted.");
    expect(production.status).toBe(1);
    expectOnePlainLine(expect, production, "db:reset only runs in demo mode");
    expect(sha256(COUNCIL)).toBe(before);
  });

  it.for([ALL_TOOLS[0], ALL_TOOLS[1], ALL_TOOLS[5]])("%s: SMTP_URL=notaurl is one line naming SMTP_URL and what it expects", async ([tool, args], { expect }) => {
    const result = await runScript(tool, args, { env: { DATABASE_PATH: MISSING, SMTP_URL: "notaurl" } });
    expect(result.status).toBe(1);
    expectOnePlainLine(expect, result, /^Invalid configuration: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(result.stderr).not.toContain("notaurl"); // a URL may carry a password: never echoed
    expect(existsSync(at("no-such-folder"))).toBe(false);
  });

  it("revoke: refuses a rule the staff form does not offer, naming the valid ones, and records nothing", async ({ expect }) => {
    const before = sha256(COUNCIL);
    const result = await runScript("revoke", ["--email", "leaving@acme.example", "--rule", "R", "--reason", "Repeated personal attacks on members."], { env: { DATABASE_PATH: COUNCIL } });
    expect(result.status).toBe(2);
    expectOnePlainLine(expect, result, `--rule: must be one of ${REVOCATION_RULES.join(", ")} (got "R").`);
    expect(sha256(COUNCIL)).toBe(before);
  });

  it("revoke: --help lists every rule the staff form offers", async ({ expect }) => {
    const result = await runScript("revoke", ["--help"]);
    expect(result.status).toBe(0);
    for (const rule of REVOCATION_RULES) expect(result.stdout).toMatch(new RegExp(`^  ${rule} +\\S`, "m"));
  });

  it("revoke: a listed rule revokes the member and is audited under that rule", async ({ expect }) => {
    const file = at("revoke.db");
    copyFileSync(COUNCIL, file);
    const result = await runScript("revoke", ["--email", "Leaving@acme.example", "--rule", "conduct", "--reason", "Repeated personal attacks on members."], { env: { DATABASE_PATH: file } });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Revoked Leaving@acme.example under "Conduct toward other members"');
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("select status from people where email = ?").pluck().get("leaving@acme.example")).toBe("revoked");
      expect(db.prepare("select rule, reason from audit_log where action = 'membership.revoked'").all()).toEqual([{ rule: "conduct", reason: "Repeated personal attacks on members." }]);
    } finally {
      db.close();
    }
  });
});
