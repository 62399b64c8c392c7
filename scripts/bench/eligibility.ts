// Benchmarks the eligibility policy: `npm run bench:eligibility`. Prints figures; asserts nothing.
//
//   (a) the CLI: 200,000 synthetic applicants as JSONL through `scripts/eligibility.ts`, wall time
//       including process start-up, 3 runs, median applicants/s.
//   (b) a policy-change impact report: compareOutcomes over 100,000 synthetic members between
//       policy v1 and the v2 example, 5 runs, median ms.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MEMBER_TYPES, ROLE_LEVELS } from "../../db/schema";
import { DEFAULT_POLICY, compareOutcomes, parsePolicyFile, type Applicant } from "../../app/membership/eligibility";
import { median, randomNumbers } from "./lib";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const V2_EXAMPLE = path.join(ROOT, "tests/fixtures/policy-v2-example.json");
const CLI_APPLICANTS = 200_000;
const CLI_RUNS = 3;
const IMPACT_MEMBERS = 100_000;
const IMPACT_RUNS = 5;

const COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises"];
const WEBMAIL = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com"];

function syntheticPeople(count: number, seed: number): Array<Applicant & { id: number }> {
  const random = randomNumbers(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, (_, i) => {
    const company = pick(COMPANIES);
    const domain = random() < 0.2 ? pick(WEBMAIL) : `${company.toLowerCase().replace(/\s+/g, "")}.com`;
    return {
      id: i + 1,
      name: `Person ${i + 1}`,
      title: "Head of Social Media",
      company,
      email: `person${i + 1}@${domain}`,
      roleLevel: pick(ROLE_LEVELS),
      memberType: random() < 0.8 ? "executive" : pick(MEMBER_TYPES),
      socialResponsibility: random() < 0.7,
    };
  });
}

const format = (n: number) => Math.round(n).toLocaleString("en-US");

function benchCli(dir: string): void {
  const inputPath = path.join(dir, "applicants.jsonl");
  const outputPath = path.join(dir, "decisions.jsonl");
  writeFileSync(
    inputPath,
    syntheticPeople(CLI_APPLICANTS, 1)
      .map((p) => JSON.stringify(p))
      .join("\n") + "\n",
  );
  console.log(
    `(a) CLI: ${format(CLI_APPLICANTS)} applicants (${(statSync(inputPath).size / 1e6).toFixed(
      1,
    )} MB JSONL) through scripts/eligibility.ts`,
  );

  const run = (inputFile: string) => {
    const input = openSync(inputFile, "r");
    const output = openSync(outputPath, "w");
    const started = performance.now();
    const result = spawnSync(TSX, ["scripts/eligibility.ts"], { cwd: ROOT, stdio: [input, output, "pipe"] });
    const ms = performance.now() - started;
    closeSync(input);
    closeSync(output);
    if (result.status !== 0) console.log(`    exit ${result.status}: ${String(result.stderr).slice(0, 500)}`);
    return ms;
  };

  const emptyPath = path.join(dir, "empty.jsonl");
  writeFileSync(emptyPath, "");
  const startup = median([run(emptyPath), run(emptyPath), run(emptyPath)]);
  console.log(`    start-up alone (empty input): ${format(startup)} ms`);

  const rates: number[] = [];
  for (let i = 1; i <= CLI_RUNS; i++) {
    const ms = run(inputPath);
    const decisions = readFileSync(outputPath, "utf8").split("\n").length - 1;
    const rate = (CLI_APPLICANTS / ms) * 1000;
    rates.push(rate);
    console.log(
      `    run ${i}: ${format(ms)} ms wall, ${format(rate)} applicants/s (${format(decisions)} decisions written)`,
    );
  }
  const rate = median(rates);
  console.log(`    median: ${format(rate)} applicants/s (wall, including start-up)`);
  console.log(
    `    median excluding start-up: ${format(CLI_APPLICANTS / (CLI_APPLICANTS / rate - startup / 1000))} applicants/s`,
  );
}

function benchImpact(): void {
  const draft = parsePolicyFile(readFileSync(V2_EXAMPLE, "utf8"));
  if (!draft.ok) throw new Error(`${V2_EXAMPLE} is not a valid policy: ${draft.errors.join("; ")}`);
  const members = syntheticPeople(IMPACT_MEMBERS, 2);
  console.log(`(b) impact report: compareOutcomes over ${format(IMPACT_MEMBERS)} members, policy v1 → v2 example`);
  const times: number[] = [];
  for (let i = 1; i <= IMPACT_RUNS; i++) {
    const started = performance.now();
    const changes = compareOutcomes(members, DEFAULT_POLICY, draft.policy);
    const ms = performance.now() - started;
    times.push(ms);
    console.log(`    run ${i}: ${ms.toFixed(1)} ms (${format(changes.length)} people change outcome)`);
  }
  console.log(`    median: ${median(times).toFixed(1)} ms`);
}

const dir = mkdtempSync(path.join(tmpdir(), "bench-eligibility-"));
try {
  benchCli(dir);
  benchImpact();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
