import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../app/platform/db.server";
import { migrateToLatest } from "../../db/migrate";
import { seedFramework } from "../../db/seed/demo";
import { makeMember, makeThread } from "../factories";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const dir = mkdtempSync(path.join(tmpdir(), "digest-cli-"));
const DATABASE_PATH = path.join(dir, "council.db");

function runCli(args: string[]) {
  const result = spawnSync(TSX, ["scripts/digest.ts", ...args], {
    cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_PATH, COUNCIL_MODE: "demo", SMTP_URL: "" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  const db = openDb(DATABASE_PATH);
  await migrateToLatest(db);
  await seedFramework(db);
  await makeMember(db, { email: "reader@example.com" });
  await makeMember(db, { email: "gone@example.com", status: "revoked" });
  await makeThread(db, await makeMember(db, { email: "author@example.com" }), { title: "What changed in social care this year?" });
  await db.destroy();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function outboxCount() {
  const db = openDb(DATABASE_PATH);
  try {
    return (await db.selectFrom("outbox").select("id").execute()).length;
  } finally {
    await db.destroy();
  }
}

describe("npm run digest", { timeout: 60_000 }, () => {
  it("--dry-run prints each member's digest and sends nothing", async () => {
    const { status, stdout } = runCli(["--dry-run", "--now", new Date(Date.now() + 60_000).toISOString()]);
    expect(status).toBe(0);
    expect(stdout).toContain("=== To: reader@example.com");
    expect(stdout).toMatch(/Subject: Council digest: 1 new thread/);
    expect(stdout).toContain("What changed in social care this year?");
    expect(stdout).toContain("/unsubscribe/");
    expect(stdout).not.toContain("gone@example.com");
    expect(stdout).toContain("1 digest would be sent.");
    expect(await outboxCount()).toBe(0);
  });

  it("without --dry-run stores the digests in the outbox, once", async () => {
    const now = new Date(Date.now() + 60_000).toISOString();
    expect(runCli(["--now", now]).stdout).toContain("1 digest stored in the outbox");
    expect(await outboxCount()).toBe(1);
    expect(runCli(["--now", now]).stdout).toContain("0 digests stored in the outbox");
    expect(await outboxCount()).toBe(1);
  });

  it.each([
    [["--frequency", "daily"], "--frequency: must be weekly or monthly"],
    [["--now", "tomorrow"], "--now: must be an ISO time"],
    [["--bogus"], "Unknown option '--bogus'"],
  ])("exits 2 on bad arguments %j", (args, message) => {
    const { status, stderr } = runCli(args);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
  });

  it("--help explains the options and exits 0", () => {
    const { status, stdout } = runCli(["--help"]);
    expect(status).toBe(0);
    for (const option of ["--dry-run", "--frequency", "--now", "Exit codes"]) expect(stdout).toContain(option);
  });
});
