import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../app/platform/db.server";
import { ensureDefaultPolicy } from "../../app/membership/policy.server";
import { hashToken } from "../../app/platform/tokens.server";
import { migrateToLatest } from "../../db/migrate";
import { makeMember } from "../factories";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const dir = mkdtempSync(path.join(tmpdir(), "import-cli-"));
let dbFile = "";
let db: Db;
let n = 0;

async function freshDb() {
  if (db) await db.destroy();
  dbFile = path.join(dir, `council-${++n}.db`);
  db = openDb(dbFile);
  await migrateToLatest(db);
  await ensureDefaultPolicy(db);
}
beforeAll(freshDb);
afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]) {
  const result = spawnSync(TSX, ["scripts/import-applications.ts", ...args], {
    cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_PATH: dbFile, COUNCIL_MODE: "demo", SMTP_URL: "" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
function file(name: string, content: string) {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}
const person = (o: Record<string, unknown> = {}) => JSON.stringify({
  name: "Sam Rivera", email: `sam${++n}@acme.example`, title: "VP Social Media", company: "Acme", roleLevel: "vp",
  socialResponsibility: true, memberType: "executive", ...o,
});
const count = async () => (await db.selectFrom("applications").selectAll().execute()).length;

// Each case spawns tsx; a loaded machine can take several seconds per start.
describe("npm run import-applications", { timeout: 60_000 }, () => {
  it("imports every row of a valid JSONL file as pending applications with the /apply columns", async () => {
    await freshDb();
    const p = file("ok.jsonl", [person({ name: "Ada One" }), "", person({ name: "Bo Two", roleLevel: "c_level", socialResponsibility: false, profileUrl: "https://example.com/bo", referredBy: "founder@demo.council" })].join("\n"));
    const result = run([p]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Imported 2 applications/);
    const rows = await db.selectFrom("applications").selectAll().orderBy("id").execute();
    expect(rows.map((r) => [r.name, r.status, r.verdict_outcome, r.verdict_policy_version])).toEqual([["Ada One", "pending", "eligible", 1], ["Bo Two", "pending", "eligible", 1]]);
    expect(rows[0].reference).toMatch(/^APP-[A-Z2-9]{8}$/);
    expect(rows[0].social_responsibility_note).toContain("Imported");
    expect(new Date(rows[0].due_at).getTime() - new Date(rows[0].created_at).getTime()).toBe(5 * 86_400_000);
    const mail = await db.selectFrom("outbox").selectAll().where("kind", "=", "application_received").execute();
    expect(mail).toHaveLength(2);
    const token = /\/apply\/status\/(\w+)/.exec(mail[0].text_body)?.[1] ?? "";
    expect(hashToken(token)).toBe(rows[0].status_token_hash);
    expect(await db.selectFrom("audit_log").selectAll().where("action", "=", "application.submitted").execute()).toHaveLength(2);
  });

  it("imports CSV with quoted commas, quotes and newlines", async () => {
    await freshDb();
    const csv = [
      "name,email,title,company,roleLevel,socialResponsibility,memberType,socialResponsibilityNote",
      `"Okafor, Frances",frances@globex.example,"SVP, ""Social"" Strategy",Globex,svp,yes,executive,"Owns social strategy,\nglobally."`,
      "Lee Kim,lee@initech.example,Director,Initech,director,no,consultant,",
    ].join("\r\n");
    const result = run([file("ok.csv", csv)]);
    expect(result.status).toBe(0);
    const rows = await db.selectFrom("applications").selectAll().orderBy("id").execute();
    expect(rows.map((r) => [r.name, r.title, r.social_responsibility_note, r.verdict_outcome])).toEqual([
      ["Okafor, Frances", 'SVP, "Social" Strategy', "Owns social strategy,\nglobally.", "eligible"],
      ["Lee Kim", "Director", "", "ineligible"],
    ]);
  });

  it("reports an invalid row by line number, exits 1 and imports nothing", async () => {
    await freshDb();
    const p = file("bad.jsonl", [person(), person(), person({ roleLevel: "manager" }), person()].join("\n"));
    const result = run([p]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("bad.jsonl:3: roleLevel:");
    expect(result.stderr).toContain("nothing was imported");
    expect(await count()).toBe(0);
    expect(await db.selectFrom("outbox").selectAll().execute()).toHaveLength(0);
  });

  it("refuses duplicates in the file and emails that already have an open application or a membership", async () => {
    await freshDb();
    await makeMember(db, { email: "member@acme.example" });
    const p = file("dupes.jsonl", [person({ email: "x@acme.example" }), person({ email: "X@acme.example" }), person({ email: "member@acme.example" })].join("\n"));
    const result = run([p]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/dupes\.jsonl:2: email: X@acme\.example already appears on line 1/);
    expect(result.stderr).toMatch(/dupes\.jsonl:3: email: member@acme\.example already belongs to a member/);
    expect(await count()).toBe(0);
  });

  it("--dry-run validates and imports nothing", async () => {
    await freshDb();
    const result = run([file("dry.jsonl", [person(), person()].join("\n")), "--dry-run"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Dry run: 2 valid rows; nothing was imported.");
    expect(await count()).toBe(0);
  });

  it.each([
    [["--help"], 0, "Usage: npm run import-applications"],
    [[], 2, "Give the file to import."],
    [["list.txt"], 2, "must end in .jsonl or .csv"],
    [["missing.csv"], 2, "Cannot read missing.csv"],
    [["--bogus", "x.csv"], 2, "Unknown option"],
  ])("%j exits %i", (args, status, text) => {
    const result = run(args);
    expect(result.status).toBe(status);
    expect(status === 0 ? result.stdout : result.stderr).toContain(text);
  });
});
