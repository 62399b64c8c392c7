import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "../../app/platform/env.server";
import { claimDatabaseOrExit, lockPath, releaseServerLock } from "../../scripts/lib/server-lock";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("the server's claim on its database", () => {
  it("on a fresh machine, makes the database's folder and writes the pid file there (npm start's first run)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-lock-"));
    dirs.push(dir);
    const databasePath = path.join(dir, "data", "nested", "council.db");
    const env = parseEnv({ COUNCIL_MODE: "demo", DATABASE_PATH: databasePath, PORT: "3999" });
    claimDatabaseOrExit(env);
    expect(fs.statSync(path.dirname(databasePath)).isDirectory()).toBe(true);
    expect(JSON.parse(fs.readFileSync(lockPath(databasePath), "utf8"))).toMatchObject({ pid: process.pid, port: 3999 });
    expect(fs.existsSync(databasePath)).toBe(false); // only the folder and the pid file: the database is prepareDatabase's to make
    releaseServerLock(databasePath);
    expect(fs.existsSync(lockPath(databasePath))).toBe(false);
  });
});
