// The operations settings: validated with zod, and SQLITE_SYNCHRONOUS reaching the database connection.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, operationsEnv, parseEnv } from "../../app/platform/env.server";
import { openDb } from "../../app/platform/db.server";

describe("operations settings", () => {
  it("has defaults for every setting", () => {
    expect(operationsEnv({})).toEqual({
      backupDir: "./data/backups", backupHour: 3, backupMaxAgeHours: 26, healthMinFreeMb: 512, sqliteSynchronous: "normal", logLevel: "info",
    });
  });

  it.each([
    ["SQLITE_SYNCHRONOUS", "extra"],
    ["LOG_LEVEL", "verbose"],
    ["BACKUP_HOUR", "24"],
    ["BACKUP_MAX_AGE_HOURS", "0"],
    ["HEALTH_MIN_FREE_MB", "-1"],
  ])("refuses %s=%s, naming it", (name, value) => {
    expect(() => operationsEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => operationsEnv({ [name]: value })).toThrow(new RegExp(`Invalid configuration: ${name} must be `));
    expect(() => parseEnv({ COUNCIL_MODE: "demo", [name]: value })).toThrow(new RegExp(`Invalid configuration: ${name} must be `));
  });
});

describe("WORKERS", () => {
  it("is 1 by default, a number as given, and one per core for auto", () => {
    expect(parseEnv({ COUNCIL_MODE: "demo" }).workers).toBe(1);
    expect(parseEnv({ COUNCIL_MODE: "demo", WORKERS: "" }).workers).toBe(1);
    expect(parseEnv({ COUNCIL_MODE: "demo", WORKERS: "3" }).workers).toBe(3);
    expect(parseEnv({ COUNCIL_MODE: "demo", WORKERS: "auto" }).workers).toBe(os.availableParallelism());
  });

  it.each(["0", "65", "1.5", "many"])("refuses WORKERS=%s, saying what it expects", (value) => {
    expect(() => parseEnv({ COUNCIL_MODE: "demo", WORKERS: value })).toThrow("Invalid configuration: WORKERS must be auto (one per core) or a whole number from 1 to 64");
  });
});

describe("SQLITE_SYNCHRONOUS", () => {
  const saved = process.env.SQLITE_SYNCHRONOUS;
  afterEach(() => {
    if (saved === undefined) delete process.env.SQLITE_SYNCHRONOUS;
    else process.env.SQLITE_SYNCHRONOUS = saved;
  });
  const synchronousOf = async () => {
    const db = openDb(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "council-sync-")), "c.db"));
    const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db);
    await db.destroy();
    return rows[0].synchronous;
  };

  it("is NORMAL (1) by default and FULL (2) with SQLITE_SYNCHRONOUS=full", async () => {
    delete process.env.SQLITE_SYNCHRONOUS;
    expect(await synchronousOf()).toBe(1);
    process.env.SQLITE_SYNCHRONOUS = "full";
    expect(await synchronousOf()).toBe(2);
  });
});
