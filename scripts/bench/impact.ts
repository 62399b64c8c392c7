// Benchmarks the DB-level impact report of a policy change: `npm run bench:impact`. Prints figures;
// asserts nothing. A temporary database gets 100,000 active members and 1,000 open applications
// (bulk insert, one transaction, prepared statements); then computeImpact (load members and open
// applicants, compareOutcomes against a draft) runs 5 times and the median is reported.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDb } from "../../app/platform/db.server";
import { DEFAULT_POLICY, type PolicyRules } from "../../app/membership/eligibility";
import { computeImpact, ensureDefaultPolicy, getCurrentPolicy, getPolicyVersion } from "../../app/membership/policy.server";
import { migrateToLatest } from "../../db/migrate";
import { MEMBER_TYPES, ROLE_LEVELS } from "../../db/schema";
import { median, randomNumbers } from "./lib";

const MEMBERS = 100_000;
const APPLICANTS = 1_000;
const RUNS = 5;

const format = (n: number) => Math.round(n).toLocaleString("en-US");

const dir = mkdtempSync(path.join(tmpdir(), "bench-impact-"));
const file = path.join(dir, "bench.db");
try {
  const db = openDb(file);
  await migrateToLatest(db);
  await ensureDefaultPolicy(db);
  await db.destroy();

  // Bulk data straight through better-sqlite3: prepared statements in one transaction.
  const random = randomNumbers(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne"];
  const started = performance.now();
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  const now = new Date().toISOString();
  const person = raw.prepare(`insert into people (email, email_normalized, name, title, company, role_level, member_type, social_responsibility, status, joined_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)`);
  const application = raw.prepare(`insert into applications (reference, status_token_hash, name, email, email_normalized, title, company, role_level, member_type, social_responsibility, created_at, due_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  raw.transaction(() => {
    for (let i = 1; i <= MEMBERS; i++) {
      const company = pick(companies);
      const email = `member${i}@${random() < 0.1 ? "gmail.com" : company.toLowerCase() + ".com"}`;
      person.run(email, email, `Member ${i}`, "Head of Social", company, pick(ROLE_LEVELS.slice(0, 5)), random() < 0.8 ? "executive" : pick(MEMBER_TYPES), random() < 0.8 ? 1 : 0, now);
    }
    for (let i = 1; i <= APPLICANTS; i++) {
      const email = `applicant${i}@example.com`;
      application.run(`APP-B${i}`, `hash${i}`, `Applicant ${i}`, email, email, "Director", "Acme", pick(ROLE_LEVELS), "executive", random() < 0.7 ? 1 : 0, now, now);
    }
  })();
  // The draft: Directors no longer admitted, and free webmail accepted without review.
  const rules = structuredClone(DEFAULT_POLICY.rules) as PolicyRules;
  rules.admittedRoleLevels = rules.admittedRoleLevels.filter((l) => l !== "director");
  rules.freeWebmail.needsReview = false;
  raw.prepare("insert into eligibility_policies (version, status, summary, rules, created_at) values (2, 'draft', 'Bench draft', ?, ?)").run(JSON.stringify(rules), now);
  raw.close();
  console.log(`Seeded ${format(MEMBERS)} active members and ${format(APPLICANTS)} open applications in ${format(performance.now() - started)} ms`);

  const bench = openDb(file);
  const current = await getCurrentPolicy(bench);
  const draft = (await getPolicyVersion(bench, 2))!;
  console.log(`Impact report (computeImpact: load members + open applicants, compareOutcomes v${current.version} → v${draft.version}):`);
  const times: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const t0 = performance.now();
    const report = await computeImpact(bench, current, draft);
    const ms = performance.now() - t0;
    times.push(ms);
    console.log(`  run ${run}: ${ms.toFixed(1)} ms (${format(report.members.length)} members and ${format(report.applicants.length)} applicants change outcome; ${format(report.noLongerQualify.length)} no longer qualify)`);
  }
  console.log(`  median: ${median(times).toFixed(1)} ms over ${format(MEMBERS)} members (target: under 1,000 ms)`);
  await bench.destroy();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
