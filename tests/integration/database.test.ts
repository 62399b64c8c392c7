import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../../app/platform/db.server";
import { parseEnv } from "../../app/platform/env.server";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { prepareDatabase } from "../../scripts/lib/database";
import { sql } from "kysely";

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
    const env = parseEnv({ COUNCIL_MODE: "production", DATABASE_PATH: tempFile(), PUBLIC_URL: "https://c.example", APP_SECRET: "s".repeat(40) });
    const { db, seededDemo } = await prepareDatabase(env);
    expect(seededDemo).toBe(false);
    expect(await db.selectFrom("people").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("lifecycle_areas").selectAll().execute()).toHaveLength(5);
    await db.destroy();
  });

  it("refuses to wipe a database outside demo mode", async () => {
    const env = parseEnv({ COUNCIL_MODE: "production", DATABASE_PATH: tempFile(), PUBLIC_URL: "https://c.example", APP_SECRET: "s".repeat(40) });
    await expect(prepareDatabase(env, { fresh: true })).rejects.toThrow(/outside demo mode/);
  });
});
