// The command-line tools on PostgreSQL: with DATABASE_URL set, revoke, jobs, digest, import-applications,
// create-founder and inbound-mail work on that database (DATABASE_PATH points at a folder that does not
// exist, so nothing can quietly fall back to SQLite); an empty or out-of-date database and a server that
// does not answer are refused in one line; backup and restore refuse in one line. Runs in npm test's
// PostgreSQL run (TEST_DATABASE_URL).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyAddress } from "../../app/forum/email-notifications.server";
import { createThread } from "../../app/forum/posts.server";
import { openPostgres, type Db } from "../../app/platform/db.server";
import { makeMember, makeThread } from "../factories";
import { runScript, STACK_FRAME, stderrLines, type CliResult } from "../helpers/cli";
import { createEmptyPostgresDatabase, createPostgresTestDatabase } from "../helpers/db";
import { freePort } from "../../scripts/lib/free-port";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-postgres-"));
/** A DATABASE_PATH that cannot be a database: a tool that read it instead of DATABASE_URL would be refused. */
const NO_SQLITE = path.join(dir, "missing-folder", "council.db");
const REPLY_DOMAIN = "reply.council.test";

let url: string;
let db: Db;
const run = (script: string, args: string[] = [], options: { input?: string; env?: Record<string, string> } = {}) =>
  runScript(script, args, { input: options.input, env: { DATABASE_URL: url, DATABASE_PATH: NO_SQLITE, ...options.env } });
const ok = (result: CliResult) => expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
const oneLine = (result: CliResult, pattern: RegExp) => {
  expect(result.status).toBe(1);
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(stderrLines(result)).toHaveLength(1);
  expect(result.stderr.trim()).toMatch(pattern);
};

beforeAll(async () => {
  url = await createPostgresTestDatabase(); // migrated, with the framework and the default policy
  db = openPostgres(url, { poolSize: 2, idleTimeoutMillis: 200 });
}, 60_000);
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Each case starts tsx (about half a second, several on a loaded machine).
describe("the CLI tools with DATABASE_URL", { timeout: 90_000 }, () => {
  it("npm run revoke revokes the member in PostgreSQL, ends their sessions and queues the email", async () => {
    const member = await makeMember(db, { email: "leaving@pg.example" });
    await db.insertInto("sessions").values({ id: "cli-pg-session", person_id: member.id, created_at: new Date().toISOString(), expires_at: new Date(Date.now() + 86_400_000).toISOString(), user_agent: null, ip_prefix: null, last_used_at: null }).execute();
    const result = await run("revoke", ["--email", "leaving@pg.example", "--rule", "conduct", "--reason", "Repeated personal attacks on other members."]);
    ok(result);
    expect(result.stdout).toMatch(/^Revoked leaving@pg\.example/);
    expect((await db.selectFrom("people").select("status").where("id", "=", member.id).executeTakeFirstOrThrow()).status).toBe("revoked");
    expect(await db.selectFrom("sessions").select("id").where("person_id", "=", member.id).execute()).toEqual([]);
    expect(await db.selectFrom("outbox").select("to_address").where("to_address", "=", "leaving@pg.example").execute()).toHaveLength(1);
    oneLine(await run("revoke", ["--email", "nobody@pg.example", "--rule", "conduct", "--reason", "Repeated personal attacks on other members."]), /^No member with the email nobody@pg\.example\.$/);
  });

  it("npm run jobs ends a due notice and forgets old rate-limit events in PostgreSQL", async () => {
    const member = await makeMember(db, { email: "noticed@pg.example", roleLevel: "below_director", socialResponsibility: false });
    const version = (await db.selectFrom("eligibility_policies").select("version").where("status", "=", "adopted").executeTakeFirstOrThrow()).version;
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const notice = await db.insertInto("membership_notices").values({
      person_id: member.id, policy_version: version, message: "Your role no longer meets the policy.", reasons: "[]", revoke_at: past, status: "pending", created_at: past, resolved_at: null,
    }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("rate_limit_events").values({ key: "post:cli-pg", at: new Date(Date.now() - 30 * 86_400_000).toISOString() }).execute();
    const result = await run("jobs");
    ok(result);
    expect(result.stdout).toMatch(/^jobs: 1 revoked, 0 notices cancelled, .*, [1-9]\d* old rate-limit events forgotten$/m);
    expect((await db.selectFrom("membership_notices").select("status").where("id", "=", notice.id).executeTakeFirstOrThrow()).status).toBe("executed");
    expect((await db.selectFrom("people").select("status").where("id", "=", member.id).executeTakeFirstOrThrow()).status).toBe("revoked");
    expect(await db.selectFrom("rate_limit_events").select("id").where("key", "=", "post:cli-pg").execute()).toEqual([]);
  });

  it("npm run digest prints (--dry-run) and then queues the digest in PostgreSQL's outbox, once", async () => {
    await makeMember(db, { email: "reader@pg.example" });
    await makeThread(db, await makeMember(db, { email: "writer@pg.example" }), { title: "Social care staffing on PostgreSQL" });
    const digests = () => db.selectFrom("outbox").select("id").where("to_address", "=", "reader@pg.example").execute();
    const now = new Date(Date.now() + 60_000).toISOString();
    const dry = await run("digest", ["--dry-run", "--now", now]);
    ok(dry);
    expect(dry.stdout).toContain("=== To: reader@pg.example");
    expect(dry.stdout).toContain("Social care staffing on PostgreSQL");
    expect(await digests()).toEqual([]);
    const sent = await run("digest", ["--now", now]);
    ok(sent);
    expect(sent.stdout).toMatch(/digests? stored in the outbox/);
    expect(await digests()).toHaveLength(1);
    expect((await run("digest", ["--now", now])).stdout).toContain("0 digests stored in the outbox");
  });

  it("npm run import-applications loads the rows into PostgreSQL (--dry-run changes nothing)", async () => {
    const file = path.join(dir, "applicants.jsonl");
    const person = (email: string) => JSON.stringify({ name: "Sam Rivera", email, title: "VP Social Media", company: "Acme", roleLevel: "vp", socialResponsibility: true, memberType: "executive" });
    fs.writeFileSync(file, `${person("sam@acme-pg.example")}\n${person("ana@acme-pg.example")}\n`);
    const imported = () => db.selectFrom("applications").select("email").where("email", "like", "%@acme-pg.example").orderBy("email").execute();
    const dry = await run("import-applications", [file, "--dry-run"]);
    ok(dry);
    expect(await imported()).toEqual([]);
    ok(await run("import-applications", [file]));
    expect((await imported()).map((a) => a.email)).toEqual(["ana@acme-pg.example", "sam@acme-pg.example"]);
  });

  it("npm run create-founder creates the founder in PostgreSQL", async () => {
    const result = await run("create-founder", ["--email", "founder@pg.example", "--name", "Frances Okafor", "--another"], { input: "copper-lantern-orchard-1987\n" });
    ok(result);
    const person = await db.selectFrom("people").select("id").where("email", "=", "founder@pg.example").executeTakeFirstOrThrow();
    const roles = (await db.selectFrom("person_roles").select("role").where("person_id", "=", person.id).execute()).map((r) => r.role).sort();
    expect(roles).toEqual(["founder", "member"]);
  });

  it("npm run inbound-mail posts a reply by email into PostgreSQL", async () => {
    const author = await makeMember(db, { email: "author@pg.example" });
    const { threadId } = await createThread(db, author, { title: "A CLI thread on PostgreSQL", body: "A question for the council.", lifecycleArea: "customer", discipline: "measurement" });
    const saved = process.env.REPLY_DOMAIN;
    process.env.REPLY_DOMAIN = REPLY_DOMAIN;
    let to: string;
    try {
      to = replyAddress(author.id, { threadId })!;
    } finally {
      if (saved === undefined) delete process.env.REPLY_DOMAIN;
      else process.env.REPLY_DOMAIN = saved;
    }
    const raw = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/inbound/gmail-reply.eml"), "utf8")
      .replaceAll("{{FROM}}", author.email).replaceAll("{{TO}}", to).replaceAll("{{REFERENCES}}", `thread-${threadId}@localhost`).replaceAll("{{ID}}", "pg-1");
    const result = await run("inbound-mail", [], { input: raw, env: { REPLY_DOMAIN } });
    ok(result);
    expect(result.stdout).toMatch(/^posted: Posted\. \/threads\/\d+/);
    expect(await db.selectFrom("posts").select("id").where("thread_id", "=", threadId).execute()).toHaveLength(2);
  });
});

describe("refusals with DATABASE_URL, one line each", { timeout: 90_000 }, () => {
  it("an empty database, a database behind this code's schema, a server that does not answer; nothing is created", async () => {
    const empty = await createEmptyPostgresDatabase();
    const behind = await createPostgresTestDatabase();
    const old = openPostgres(behind, { poolSize: 1, idleTimeoutMillis: 200 });
    const last = (await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(old)).rows[0]!.name;
    await sql`delete from kysely_migration where name = ${last}`.execute(old);
    await old.destroy();
    const closed = `postgres://postgres@127.0.0.1:${await freePort()}/council`;
    const [onEmpty, onBehind, onClosed, revokeOnEmpty] = await Promise.all([
      runScript("jobs", [], { env: { DATABASE_URL: empty, DATABASE_PATH: NO_SQLITE } }),
      runScript("digest", ["--dry-run"], { env: { DATABASE_URL: behind, DATABASE_PATH: NO_SQLITE } }),
      runScript("jobs", [], { env: { DATABASE_URL: closed, DATABASE_PATH: NO_SQLITE } }),
      runScript("revoke", ["--email", "a@b.example", "--rule", "conduct", "--reason", "Repeated personal attacks on other members."], { env: { DATABASE_URL: empty, DATABASE_PATH: NO_SQLITE } }),
    ]);
    oneLine(onEmpty, /^DATABASE_URL \(postgres:\/\/postgres@127\.0\.0\.1:\d+\/council_empty_\w+\): there is no Council database there \(no kysely_migration table\)\. .*npm run db:migrate/);
    oneLine(revokeOnEmpty, /there is no Council database there/);
    oneLine(onBehind, new RegExp(`needs 1 migration\\(s\\) this version of Council brings \\(${last}\\); run npm run db:migrate first`));
    oneLine(onClosed, /^DATABASE_URL \(postgres:\/\/postgres@127\.0\.0\.1:\d+\/council\): cannot read the database \(.+\)\.$/);
    // For a mail server, a database that does not answer is a temporary failure: exit 75 (EX_TEMPFAIL), it retries.
    const mail = await runScript("inbound-mail", [], { env: { DATABASE_URL: closed, DATABASE_PATH: NO_SQLITE, REPLY_DOMAIN }, input: "From: a@b.example\r\n\r\nhello\r\n" });
    expect(mail.status).toBe(75);
    expect(stderrLines(mail)).toEqual([expect.stringMatching(/cannot read the database/)]);
    const check = openPostgres(empty, { poolSize: 1, idleTimeoutMillis: 200 });
    expect((await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = 'public'`.execute(check)).rows[0]!.n).toBe(0);
    await check.destroy();
    expect(fs.existsSync(path.dirname(NO_SQLITE))).toBe(false);
  });

  it("the advice works: npm run db:migrate builds the council in an empty database, then the tools open it", async () => {
    const empty = await createEmptyPostgresDatabase();
    const env = { DATABASE_URL: empty, DATABASE_PATH: NO_SQLITE };
    const migrated = await runScript("db-migrate", [], { env });
    ok(migrated);
    expect(migrated.stdout).toMatch(/^Applied \d+ migration\(s\)/);
    const jobs = await runScript("jobs", [], { env });
    ok(jobs);
    expect(jobs.stdout).toMatch(/^jobs: 0 revoked/);
    expect(fs.existsSync(path.dirname(NO_SQLITE))).toBe(false);
  });

  it("the password in DATABASE_URL is never printed", async () => {
    const secret = `postgres://council:s3cret-pw@127.0.0.1:${await freePort()}/council`;
    const result = await runScript("jobs", [], { env: { DATABASE_URL: secret, DATABASE_PATH: NO_SQLITE } });
    oneLine(result, /^DATABASE_URL \(postgres:\/\/council@127\.0\.0\.1:\d+\/council\): cannot read the database/);
    expect(result.stderr + result.stdout).not.toContain("s3cret-pw");
  });

  it("backup and restore work on SQLite files only: they refuse in one line (exit 1), --help still answers", async () => {
    const out = path.join(dir, "backup.db");
    const [backup, nightly, restore, backupHelp, restoreHelp] = await Promise.all([
      run("backup", ["--out", out]),
      run("backup", ["--nightly"]),
      run("restore", [path.join(dir, "some-backup.db")]),
      run("backup", ["--help"]),
      run("restore", ["--help"]),
    ]);
    oneLine(backup, /^npm run backup works on Council's SQLite file, but DATABASE_URL is set .*pg_dump/);
    oneLine(nightly, /^npm run backup works on Council's SQLite file/);
    oneLine(restore, /^npm run restore works on Council's SQLite file, but DATABASE_URL is set .*pg_restore/);
    expect(fs.existsSync(out)).toBe(false);
    expect(backupHelp.status).toBe(0);
    expect(backupHelp.stdout).toMatch(/pg_dump/);
    expect(restoreHelp.status).toBe(0);
    expect(restoreHelp.stdout).toMatch(/pg_restore/);
  });
});
