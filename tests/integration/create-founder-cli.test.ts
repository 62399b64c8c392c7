// npm run create-founder, run as an operator would: a real database file, the password on stdin.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../app/accounts/auth.server";
import { openDb, type Db } from "../../app/platform/db.server";
import { ensureDefaultPolicy } from "../../app/membership/policy.server";
import { createFounder } from "../../app/membership/founders.server";
import { Invalid } from "../../app/platform/errors";
import { migrateToLatest } from "../../db/migrate";
import { seedFramework } from "../../db/seed/demo";
import { runScript, STACK_FRAME, stderrLines } from "../helpers/cli";
import { createTestDb } from "../helpers/db";

const dir = mkdtempSync(path.join(tmpdir(), "create-founder-cli-"));
const COUNCIL = path.join(dir, "council.db");
const STRONG = "copper-lantern-orchard-1987";
const env = { DATABASE_PATH: COUNCIL };

beforeAll(async () => {
  const db = openDb(COUNCIL);
  await migrateToLatest(db);
  await seedFramework(db);
  await ensureDefaultPolicy(db);
  await db.destroy();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const founders = async () => {
  const db = openDb(COUNCIL);
  try {
    return await db.selectFrom("people").innerJoin("person_roles", "person_roles.person_id", "people.id")
      .select(["people.email", "people.company", "people.title"]).where("person_roles.role", "=", "founder").orderBy("people.id").execute();
  } finally {
    await db.destroy();
  }
};

describe("npm run create-founder", { timeout: 120_000 }, () => {
  it("--help explains the options, the password on stdin and the exit codes", async () => {
    const result = await runScript("create-founder", ["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: npm run create-founder -- --email <address> --name <full name>");
    expect(result.stdout).toMatch(/--another/);
    expect(result.stdout).toMatch(/Exit codes: 0 created, 1 refused/);
  });

  it("bad arguments and a missing password exit 2 with one plain line; nothing is created", async () => {
    const [noEmail, badLevel, noPassword] = await Promise.all([
      runScript("create-founder", ["--name", "Frances Okafor"], { env, input: `${STRONG}\n` }),
      runScript("create-founder", ["--email", "frances@council.example", "--name", "Frances Okafor", "--role-level", "boss"], { env, input: `${STRONG}\n` }),
      runScript("create-founder", ["--email", "frances@council.example", "--name", "Frances Okafor"], { env, input: "" }),
    ]);
    expect([noEmail.status, badLevel.status, noPassword.status]).toEqual([2, 2, 2]);
    expect(stderrLines(noEmail)).toEqual(["--email is required: must be an email address. Run with --help for usage."]);
    expect(stderrLines(badLevel)[0]).toMatch(/^--role-level: must be one of c_level, .* \(got "boss"\)/);
    expect(stderrLines(noPassword)[0]).toMatch(/^No password on stdin/);
    for (const r of [noEmail, badLevel, noPassword]) expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(await founders()).toEqual([]);
  });

  it("refuses a weak password (exit 1, zxcvbn's advice, the password never echoed)", async () => {
    const result = await runScript("create-founder", ["--email", "frances@council.example", "--name", "Frances Okafor"], { env, input: "frances12345\n" });
    expect(result.status).toBe(1);
    expect(stderrLines(result)).toHaveLength(1);
    expect(result.stderr).toMatch(/The password is not accepted: This password is too easy to guess/);
    expect(result.stderr).not.toContain("frances12345");
    expect(await founders()).toEqual([]);
  });

  it("creates the first founder, who signs in; a second is refused unless --another; audited", async () => {
    const first = await runScript("create-founder", ["--email", "Frances@Council.example", "--name", "Frances Okafor"], { env, input: `${STRONG}\n` });
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Created founder #\d+ Frances Okafor <Frances@Council.example>/);
    expect(first.stdout).not.toContain(STRONG);

    const second = await runScript("create-founder", ["--email", "jeremiah@council.example", "--name", "Jeremiah Lund"], { env, input: `${STRONG}-2\n` });
    expect(second.status).toBe(1);
    expect(stderrLines(second)).toEqual([expect.stringMatching(/already has an active founder; nothing was created\. To add one more, run again with --another/)]);

    const another = await runScript("create-founder", ["--email", "jeremiah@council.example", "--name", "Jeremiah Lund", "--another", "--title", "Co-founder", "--company", "Council Advisory"],
      { env, input: `${STRONG}-2\n` });
    expect(another.status).toBe(0);
    const taken = await runScript("create-founder", ["--email", "JEREMIAH@council.example", "--name", "Jeremiah Again", "--another"], { env, input: `${STRONG}-3\n` });
    expect(taken.status).toBe(1);
    expect(stderrLines(taken)).toEqual(["JEREMIAH@council.example already belongs to an account; nothing was created."]);

    expect(await founders()).toEqual([
      { email: "Frances@Council.example", company: "Council.example", title: "Founder" },
      { email: "jeremiah@council.example", company: "Council Advisory", title: "Co-founder" },
    ]);
    const db = openDb(COUNCIL);
    try {
      expect(await signIn(db, { email: "frances@council.example", password: STRONG, ip: "127.0.0.1" })).toBeGreaterThan(0);
      const audit = await db.selectFrom("audit_log").select(["action", "actor_id", "reason"]).where("action", "=", "founder.created").orderBy("id").execute();
      expect(audit.map((a) => [a.action, a.actor_id])).toEqual([["founder.created", null], ["founder.created", null]]);
      expect(audit[0]!.reason).toMatch(/first founder/);
    } finally {
      await db.destroy();
    }
  });
});

describe("createFounder (in process)", () => {
  let db: Db;
  beforeAll(async () => { db = await createTestDb(); });
  it("rejects a common password, whatever the command line", async () => {
    const input = { email: "priya@raman.example", name: "Priya Raman", title: "CEO", company: "Raman Social", roleLevel: "c_level" as const, memberType: "executive" as const };
    expect(await createFounder(db, { ...input, password: "password12345" }, { another: false }).catch((e) => e)).toBeInstanceOf(Invalid);
  });
});
