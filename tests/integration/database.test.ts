import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../../app/platform/db.server";
import { parseEnv } from "../../app/platform/env.server";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { CliError } from "../../scripts/lib/cli";
import { checkDatabaseFolder, inspectDatabaseFile, openCouncilDatabase, prepareDatabase } from "../../scripts/lib/database";
import { sql } from "kysely";
import { runTsx } from "../helpers/cli";

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "council-db-")), "council.db");

describe("database", () => {
  it("opens with WAL, foreign keys and a busy timeout", async () => {
    const db = openDb(tempFile());
    const pragmas = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
    expect(pragmas.rows[0]?.journal_mode).toBe("wal");
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    expect(busy.rows[0]?.timeout).toBe(5000);
    await db.destroy();
  });

  it("two processes writing one file at once lose nothing: a transaction that reads then writes waits its turn", async () => {
    const file = tempFile();
    const db = openDb(file);
    await sql`create table counter (value integer not null)`.execute(db);
    await sql`insert into counter values (0)`.execute(db);
    const startAt = String(Date.now() + 2_000); // both children start after tsx has loaded in each
    const run = () => runTsx("tests/helpers/sqlite-counter.ts", [file, "3000", startAt]);
    const results = await Promise.all([run(), run()]);
    for (const result of results) expect(result.stderr).toBe("");
    // With deferred transactions, 222 and 291 of the 3,000 failed at once with SQLITE_BUSY here.
    expect(results.map((result) => JSON.parse(result.stdout))).toEqual([{ failed: 0 }, { failed: 0 }]);
    const { rows } = await sql<{ value: number }>`select value from counter`.execute(db);
    expect(rows[0]?.value).toBe(6000);
    await db.destroy();
  }, 60_000);

  it("migrates up and back down cleanly, and a second run does nothing", async () => {
    const db = openDb(tempFile());
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db)).toEqual([]);
    for (const name of Object.keys(migrations).reverse()) await migrations[name]!.down!(db);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely%' and name not like 'sqlite%'`.execute(db);
    expect(tables.rows).toEqual([]);
    await db.destroy();
  });

  it("enforces unique emails case-insensitively through the normalized column", async () => {
    const db = openDb(tempFile());
    await migrateToLatest(db);
    const person = { name: "A", title: "VP", company: "C", role_level: "vp", member_type: "executive", joined_at: new Date().toISOString() } as const;
    await db.insertInto("people").values({ ...person, email: "A@x.com", email_normalized: "a@x.com" }).execute();
    await expect(db.insertInto("people").values({ ...person, email: "a@X.com", email_normalized: "a@x.com" }).execute()).rejects.toThrow(/UNIQUE/);
    await db.destroy();
  });
});

describe("demo council", () => {
  it("demo mode seeds the demo council into an empty database, once", async () => {
    const env = parseEnv({ COUNCIL_MODE: "demo", DATABASE_PATH: tempFile() });
    const first = await prepareDatabase(env);
    expect(first.seededDemo).toBe(true);
    const db = first.db;
    const count = async (table: "people" | "threads" | "posts" | "applications" | "chapters" | "lifecycle_areas" | "disciplines" | "maturity_stages") =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(await count("lifecycle_areas")).toBe(5);
    expect(await count("disciplines")).toBe(3);
    expect(await count("maturity_stages")).toBe(3);
    expect(await count("people")).toBeGreaterThanOrEqual(15);
    expect(await count("threads")).toBeGreaterThanOrEqual(20);
    expect(await count("chapters")).toBe(1);
    const pending = await db.selectFrom("applications").select("id").where("status", "=", "pending").execute();
    expect(pending).toHaveLength(3);
    const held = await db.selectFrom("posts").select("id").where("status", "=", "held").execute();
    expect(held).toHaveLength(1);
    const roles = await db.selectFrom("person_roles").innerJoin("people", "people.id", "person_roles.person_id")
      .select(["people.email", "person_roles.role"]).where("role", "in", ["founder", "moderator"]).execute();
    expect(roles.filter((r) => r.role === "founder")).toHaveLength(2);
    expect(roles.filter((r) => r.role === "moderator")).toHaveLength(2);
    const member = await db.selectFrom("people").selectAll().where("email", "=", "member@demo.council").executeTakeFirstOrThrow();
    expect(member).toMatchObject({ role_level: "vp", member_type: "executive" });
    const types = await db.selectFrom("people").select("member_type").distinct().execute();
    expect(types.map((t) => t.member_type).sort()).toEqual(["consultant", "executive"]);
    await db.destroy();
    const second = await prepareDatabase(env);
    expect(second.seededDemo).toBe(false);
    await second.db.destroy();
  });

  it("production mode never creates demo accounts", async () => {
    const env = parseEnv({ COUNCIL_MODE: "production", DATABASE_PATH: tempFile(), PUBLIC_URL: "https://c.example", APP_SECRET: "s".repeat(40), TOTP_ENCRYPTION_KEY: "ab".repeat(32) });
    const { db, seededDemo } = await prepareDatabase(env);
    expect(seededDemo).toBe(false);
    expect(await db.selectFrom("people").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("lifecycle_areas").selectAll().execute()).toHaveLength(5);
    await db.destroy();
  });

  it("refuses to wipe a database outside demo mode", async () => {
    const env = parseEnv({ COUNCIL_MODE: "production", DATABASE_PATH: tempFile(), PUBLIC_URL: "https://c.example", APP_SECRET: "s".repeat(40), TOTP_ENCRYPTION_KEY: "ab".repeat(32) });
    await expect(prepareDatabase(env, { fresh: true })).rejects.toThrow(/outside demo mode/);
  });
});

describe("what a CLI finds at a database path (scripts/lib/database.ts)", () => {
  const write = (content: string | Buffer) => {
    const file = tempFile();
    fs.writeFileSync(file, content);
    return file;
  };
  const otherSqlite = () => {
    const file = tempFile();
    const other = new Database(file);
    other.exec("create table notes (body text)");
    other.close();
    return file;
  };
  async function councilFile(change?: (applied: string[]) => string) {
    const file = tempFile();
    const db = openDb(file);
    await migrateToLatest(db);
    await db.destroy();
    if (change) {
      const raw = new Database(file);
      raw.exec(change(Object.keys(migrations)));
      raw.close();
    }
    return file;
  }
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      return (error as Error).message;
    }
    throw new Error("expected a refusal");
  };

  it("tells absent, empty (0 bytes or no tables) and Council files apart, without changing them", async () => {
    expect(inspectDatabaseFile(path.join(tempFile(), "none.db"))).toEqual({ kind: "absent" });
    expect(inspectDatabaseFile(write(""))).toEqual({ kind: "empty" });
    const blank = tempFile();
    new Database(blank).close();
    expect(inspectDatabaseFile(blank)).toEqual({ kind: "empty" });
    const council = await councilFile();
    const before = fs.readFileSync(council);
    expect(inspectDatabaseFile(council)).toMatchObject({ kind: "council", pending: [], unknown: [] });
    expect(fs.readFileSync(council).equals(before)).toBe(true);
  });

  it.each([
    ["a text file", () => write('{"name":"Ada"}\n'), /is not a SQLite database/],
    ["a file shorter than the SQLite header", () => write("SQLite"), /is not a SQLite database/],
    ["a file with a SQLite header and garbage", () => write(Buffer.concat([Buffer.from("SQLite format 3\0"), Buffer.alloc(200, 7)])), /cannot be read as a SQLite database/],
    ["someone else's SQLite database", otherSqlite, /is a SQLite database but not Council's/],
    ["a folder", () => fs.mkdtempSync(path.join(os.tmpdir(), "council-dir-")), /is a folder, not a database file/],
  ])("refuses %s, leaving it as it was", (_what, make, message) => {
    const file = make();
    const before = fs.statSync(file).isFile() ? fs.readFileSync(file) : undefined;
    expect(refusal(() => inspectDatabaseFile(file))).toMatch(message);
    expect(refusal(() => openCouncilDatabase(file))).toMatch(message);
    if (before) expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it("openCouncilDatabase refuses a missing file or folder without creating either, and a schema behind or ahead", async () => {
    const missing = path.join(path.dirname(tempFile()), "gone", "deeper", "council.db");
    expect(refusal(() => openCouncilDatabase(missing))).toMatch(/there is no Council database there \(the folder .*gone\/deeper does not exist\)/);
    expect(fs.existsSync(path.dirname(path.dirname(missing)))).toBe(false);
    const absent = tempFile();
    expect(refusal(() => openCouncilDatabase(absent))).toMatch(/there is no Council database there \(no such file\).*npm run db:migrate/);
    expect(fs.existsSync(absent)).toBe(false);
    expect(refusal(() => openCouncilDatabase(write("")))).toMatch(/the file is empty/);
    const behind = await councilFile((names) => `delete from kysely_migration where name = '${names.at(-1)}'`);
    expect(refusal(() => openCouncilDatabase(behind))).toMatch(/needs 1 migration\(s\).*run npm run db:migrate first/);
    const ahead = await councilFile(() => "insert into kysely_migration (name, timestamp) values ('2099-01-01-999-future', '2099')");
    expect(refusal(() => openCouncilDatabase(ahead))).toMatch(/was migrated by a newer version of Council \(2099-01-01-999-future\)/);
    const db = openCouncilDatabase(await councilFile());
    expect(await db.selectFrom("people").select("id").execute()).toEqual([]);
    await db.destroy();
  });

  it.each(["/proc/council.db", "/proc/self/council.db", "/sys/council.db", "/dev/council.db"])("refuses %s (a system folder) before opening anything", (file) => {
    expect(refusal(() => checkDatabaseFolder(file, { mayCreate: true }))).toMatch(/is a system folder, not a place for a database/);
    expect(refusal(() => openCouncilDatabase(file))).toMatch(/is a system folder/);
  });

  it("lets the tools that may create a database create its folders under a normal one; names the file as the caller asks", () => {
    const nested = path.join(path.dirname(tempFile()), "new", "folders", "council.db");
    expect(() => checkDatabaseFolder(nested, { mayCreate: true })).not.toThrow();
    expect(fs.existsSync(path.dirname(nested))).toBe(false);
    expect(refusal(() => openCouncilDatabase(nested, { name: "the backup file" }))).toMatch(/^the backup file: there is no Council database there/);
  });

  it("prepareDatabase refuses a file that is not Council's (npm start, db:migrate) and leaves it as it was", async () => {
    const file = write("id,name\n1,Ada\n");
    await expect(prepareDatabase(parseEnv({ COUNCIL_MODE: "demo", DATABASE_PATH: file }))).rejects.toThrow(/is not a SQLite database/);
    expect(fs.readFileSync(file, "utf8")).toBe("id,name\n1,Ada\n");
  });

  it("prepareDatabase({ fresh }) says what it deletes before deleting it", async () => {
    const file = await councilFile();
    const said: string[] = [];
    const { db } = await prepareDatabase(parseEnv({ COUNCIL_MODE: "demo", DATABASE_PATH: file }), { fresh: true, say: (line) => said.push(line) });
    await db.destroy();
    expect(said).toEqual([`Deleting the Council database (0 people, 0 threads and 0 posts) at ${path.resolve(file)}, with its -wal and -shm files…`]);
  });
});
