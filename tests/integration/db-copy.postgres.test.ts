// npm run db:copy: the demo council, copied from a SQLite file into an empty PostgreSQL database, has
// the same rows in every table, and search finds the same threads. Runs in npm test's PostgreSQL run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, openPostgres, type Db } from "../../app/platform/db.server";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo, seedFramework, DEMO_ACCOUNTS } from "../../db/seed/demo";
import { ensureDefaultPolicy } from "../../app/membership/policy.server";
import { loadActor } from "../../app/accounts/session.server";
import { searchPosts } from "../../app/forum/search.server";
import { makeThread } from "../factories";
import { createEmptyPostgresDatabase } from "../helpers/db";
import { runScript, STACK_FRAME } from "../helpers/cli";

let file: string;
let source: Db;
let target: Db;
let targetUrl: string;
let copy: Awaited<ReturnType<typeof runScript>>;

beforeAll(async () => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "council-copy-")), "council.db");
  source = openDb(file);
  await migrateToLatest(source);
  await seedFramework(source);
  await ensureDefaultPolicy(source);
  await seedDemo(source);
  targetUrl = await createEmptyPostgresDatabase();
  copy = await runScript("db-copy", ["--to", targetUrl, "--from", file]);
  target = openPostgres(targetUrl, { poolSize: 2, idleTimeoutMillis: 200 });
}, 60_000);
afterAll(async () => {
  await source.destroy();
  await target.destroy();
});

const tables = async (db: Db) => (await db.introspection.getTables()).map((t) => t.name).filter((t) => !t.startsWith("kysely_")).sort();

describe("npm run db:copy", () => {
  it("copies the demo council: every table's rows on both sides, printed, exit 0", async () => {
    expect(copy.stderr).toBe("");
    expect(copy.status).toBe(0);
    const names = await tables(target);
    expect(names).toContain("posts_fts");
    const count = async (db: Db, table: string) => Number((await db.selectFrom(table as "people").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    // The search change log describes the source's index versions, not the target's: never copied, the target's starts empty.
    expect(await count(source, "search_changes")).toBeGreaterThan(0);
    expect(await count(target, "search_changes")).toBe(0);
    expect(copy.stdout).not.toMatch(/^search_changes\s/m);
    for (const table of names.filter((t) => t !== "search_changes")) {
      const [a, b] = [await count(source, table), await count(target, table)];
      expect({ table, count: b }).toEqual({ table, count: a });
      expect(copy.stdout).toMatch(new RegExp(`^${table}\\s+${a}\\s+${b}$`, "m"));
    }
    expect(await count(target, "posts")).toBeGreaterThan(10);
  });

  it("search finds the same threads on both engines", async () => {
    const email = DEMO_ACCOUNTS[0]!.email;
    const id = (await source.selectFrom("people").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
    const [a, b] = [(await loadActor(source, id))!, (await loadActor(target, id))!];
    const threads = async (db: Db, actor: typeof a, q: string) => [...new Set((await searchPosts(db, actor, q)).results.map((r) => r.threadId))].sort((x, y) => x - y);
    let found = 0;
    for (const q of ["social", "advocacy", "measure", "customer care", "crisis", "budget", "team", "\"social media\"", "influenc*"]) {
      const expected = await threads(source, a, q);
      found += expected.length;
      expect({ q, threads: await threads(target, b, q) }).toEqual({ q, threads: expected });
    }
    expect(found).toBeGreaterThan(0);
  });

  it("sets the id sequences past the copied rows: a new thread gets the next id", async () => {
    const author = (await loadActor(target, 1))!;
    const maxId = Number((await target.selectFrom("threads").select((eb) => eb.fn.max("id").as("m")).executeTakeFirstOrThrow()).m);
    const t = await makeThread(target, author, { body: "written after the copy" });
    expect(t.id).toBe(maxId + 1);
  });

  it("refuses a database that is not empty (exit 1), bad arguments (exit 2); --help exits 0", async () => {
    const [again, noTarget, notPostgres, help] = await Promise.all([
      runScript("db-copy", ["--to", targetUrl, "--from", file]),
      runScript("db-copy", ["--from", file]),
      runScript("db-copy", ["--to", "mysql://x/y", "--from", file]),
      runScript("db-copy", ["--help"]),
    ]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    expect(again.stderr).not.toMatch(STACK_FRAME);
    expect(noTarget.status).toBe(2);
    expect(noTarget.stderr).toMatch(/--to/);
    expect(notPostgres.status).toBe(2);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/EMPTY PostgreSQL/);
  }, 90_000); // four CLI starts (tsx) at once: slow on a loaded machine
});

async function count(table: "posts") {
  return Number((await target.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
}
