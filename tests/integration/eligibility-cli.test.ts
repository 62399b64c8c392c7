import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

type Decision = { id: string | number; outcome: string; reasons: Array<{ rule: string }> };

function runCli(args: string[], input = "") {
  const result = spawnSync(TSX, ["scripts/eligibility.ts", ...args], { cwd: ROOT, input, encoding: "utf8" });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    get decisions(): Decision[] {
      return result.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Decision);
    },
  };
}

function line(fields: Record<string, unknown>): string {
  return JSON.stringify({
    name: "Sam Rivera",
    title: "Head of Social",
    company: "Acme",
    email: "sam@acme.com",
    socialResponsibility: true,
    memberType: "executive",
    ...fields,
  });
}

const APPLICANTS = [
  line({ id: 1, roleLevel: "c_level", socialResponsibility: false }),
  line({ id: "two", roleLevel: "vp", socialResponsibility: false }),
  "",
  line({ id: 3, roleLevel: "director", email: "sam@Gmail.com" }),
  line({ id: 4, roleLevel: "below_director", memberType: "consultant" }),
  line({ id: 5, roleLevel: "svp" }),
].join("\n");

const tempDir = mkdtempSync(path.join(tmpdir(), "eligibility-cli-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe("npm run eligibility", () => {
  it("decides every applicant under policy v1, in input order, skipping blank lines", () => {
    const { status, decisions, stderr } = runCli([], APPLICANTS + "\n");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(decisions.map((d) => [d.id, d.outcome])).toEqual([
      [1, "eligible"],
      ["two", "ineligible"],
      [3, "needs_review"],
      [4, "ineligible"],
      [5, "eligible"],
    ]);
    for (const decision of decisions) {
      expect(Object.keys(decision)).toEqual(["id", "outcome", "reasons"]);
      expect(decision.reasons.map((r) => r.rule)).toEqual([
        "role_level",
        "social_responsibility",
        "member_type",
        "free_webmail",
      ]);
    }
  });

  it("--policy tests/fixtures/policy-v2-example.json admits a below-Director manager with responsibility", () => {
    const { status, decisions } = runCli(["--policy", "tests/fixtures/policy-v2-example.json"], APPLICANTS);
    expect(status).toBe(0);
    expect(decisions.find((d) => d.id === 4)?.outcome).toBe("eligible");
    expect(decisions.find((d) => d.id === "two")?.outcome).toBe("ineligible");
    expect(JSON.stringify(decisions[0].reasons)).toContain("Policy v2");
  });

  it("reports a bad line on stderr, keeps going, and exits 1", () => {
    const input = [
      line({ id: 1, roleLevel: "vp" }),
      line({ id: 2, roleLevel: "manager" }),
      "{not json",
      line({ id: 4, roleLevel: "evp" }),
    ].join("\n");
    const { status, stderr, decisions } = runCli([], input);
    expect(status).toBe(1);
    expect(stderr).toContain("line 2: roleLevel: must be one of c_level");
    expect(stderr).toContain("line 3: json: not valid JSON");
    expect(decisions.map((d) => d.id)).toEqual([1, 4]);
  });

  it("exits 2 with a clear message when the policy file is missing", () => {
    const { status, stderr, stdout } = runCli(["--policy", "tests/fixtures/no-such-policy.json"], APPLICANTS);
    expect(status).toBe(2);
    expect(stderr).toContain("no-such-policy.json: file not found");
    expect(stdout).toBe("");
  });

  it("exits 2 with the problems listed when the policy file is invalid", () => {
    const badPolicy = path.join(tempDir, "bad-policy.json");
    writeFileSync(
      badPolicy,
      JSON.stringify({ version: 3, summary: "Too long a wait.", rules: { reviewWindowDays: 90 } }),
    );
    const { status, stderr, stdout } = runCli(["--policy", badPolicy], APPLICANTS);
    expect(status).toBe(2);
    expect(stderr).toContain("is not a valid policy");
    expect(stderr).toContain("rules.reviewWindowDays: must be at most 60 days");
    expect(stdout).toBe("");
  });

  it("exits 2 on an unknown option", () => {
    const { status, stderr } = runCli(["--polcy", "x.json"]);
    expect(status).toBe(2);
    expect(stderr).toContain("Unknown option '--polcy'.");
  });

  it("--help explains the input fields and the policy file format, and exits 0", () => {
    const { status, stdout } = runCli(["--help"]);
    expect(status).toBe(0);
    for (const field of [
      "id",
      "name",
      "title",
      "company",
      "email",
      "roleLevel",
      "socialResponsibility",
      "memberType",
    ]) {
      expect(stdout).toContain(`  ${field} `);
    }
    expect(stdout).toContain("tests/fixtures/policy-v2-example.json");
    expect(stdout).toContain("admittedRoleLevels");
    expect(stdout).toContain("reviewWindowDays");
  });
});
