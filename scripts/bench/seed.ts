// npm run bench:seed -- [--members 10000] [--threads 50000] [--posts 1000000] [--out ./data/bench.db]
//
// A synthetic council for the benchmarks, in its own database file (never the council's): migrated
// like any Council database, with the framework vocabulary, members, chapters, threads and posts of
// realistic lengths (Zipf-distributed vocabulary, a few hundred to a few thousand characters), the
// search index populated, and one known account to sign in with. Uses better-sqlite3 directly with
// prepared statements in large transactions; the search triggers are dropped during the bulk load and
// the FTS5 index is built once at the end.
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import fs from "node:fs";
import path from "node:path";
import { hashPassword } from "../../app/accounts/auth.server";
import { openDb, openPostgres } from "../../app/platform/db.server";
import { copyCouncil } from "../lib/copy-council";
import { benchDatabaseUrl, benchDb, opt } from "./lib";
import { DEFAULT_DISCIPLINES, DEFAULT_LIFECYCLE_AREAS, DEFAULT_MATURITY_STAGES } from "../../app/forum/framework";
import { createSession } from "../../app/accounts/session.server";
import { renderMarkdown } from "../../app/forum/markdown.server";
import { migrateToLatest } from "../../db/migrate";
import { rebuildSearchIndex } from "../../db/migrations/2026-11-23-004-search";
import { createSearchTriggers, dropSearchTriggers } from "../../db/migrations/2026-12-01-903-search-change-log";
import { seedFramework } from "../../db/seed/demo";
import { removeDatabaseFiles } from "../lib/database";

export const BENCH_EMAIL = "bench@bench.council";
export const BENCH_PASSWORD = "council-bench";
export const DEFAULT_BENCH_DB = "./data/bench.db";

/** The bench database named by --db (absolute), or exit saying how to make one. */
export function benchDatabase(): string {
  const file = path.resolve(opt("db", DEFAULT_BENCH_DB));
  if (!fs.existsSync(file)) {
    console.error(`No bench database at ${file}. Run: npm run bench:seed`);
    process.exit(1);
  }
  return file;
}

/** A new session for the bench member, and the long published council-wide thread the page benchmarks read. */
export async function benchReader(file: string) {
  const db = benchDb(file);
  try {
    const member = await db.selectFrom("people").select("id").where("email_normalized", "=", BENCH_EMAIL).executeTakeFirstOrThrow();
    const { token } = await createSession(db, member.id, 30);
    const thread = await db.selectFrom("threads").select(["id", "post_count"]).where("status", "=", "published").where("chapter_id", "is", null)
      .where("post_count", ">=", 60).orderBy("id").executeTakeFirstOrThrow();
    return { token, thread };
  } finally {
    await db.destroy();
  }
}

function arg(name: string, fallback: number): number;
function arg(name: string, fallback: string): string;
function arg(name: string, fallback: number | string) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) return fallback;
  const raw = process.argv[i + 1]!;
  return typeof fallback === "number" ? Number(raw.replace(/_/g, "")) : raw;
}

// ---- deterministic randomness --------------------------------------------------------------------
let seed = 0x2545f491;
function rand() {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]) => xs[int(xs.length)]!;
function normal() {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

// ---- vocabulary ----------------------------------------------------------------------------------
const FUNCTION_WORDS = "the of and to a in that is for it as with was on be at by this we have from or our are not but they an which you their has more all can will one were been so if would about what there when also than who into how its them some could these other only then do out just most any may should over after much like because such where those very".split(" ");
const DOMAIN_WORDS = "social customer care employee advocacy strategy execution measurement roi revenue retention churn attribution governance community platform program team budget board executive council listening sentiment analytics dashboard metric metrics engagement reach awareness referral loyalty support service channel brand content campaign influencer partner vendor agency consultant product feature roadmap ideation feedback launch pilot scale maturity framework lifecycle operational information knowledge collaboration intranet network recruiting onboarding culture leadership training crisis playbook escalation response policy legal compliance risk privacy data insight research survey benchmark cohort funnel conversion pipeline finance cfo cmo ceo marketing communications hr operations sales quarter year results outcome impact value cost savings deflection resolution ticket volume hours staffing hub shift tone voice guideline approval workflow tool vendor contract procurement adoption champion sponsor mandate center excellence organisation structure reporting alignment priority goal objective target plan review lesson experience story example case study question answer thought idea".split(" ");
const SYLLABLES = "ka lo mi ra te su vin dor pel qua zen tor bri cas fen gal hol jun kir lum mon nor pra ric sal tin ult ver wex yor zam".split(" ");

function buildVocabulary(size: number): string[] {
  const words = [...FUNCTION_WORDS, ...DOMAIN_WORDS];
  const seen = new Set(words);
  while (words.length < size) {
    const w = Array.from({ length: 2 + int(3) }, () => pick(SYLLABLES)).join("");
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

/** Zipf(s≈1) sampler over the vocabulary: rank r is chosen with probability ∝ 1/(r+2). */
function zipfSampler(words: string[]) {
  const cdf = new Float64Array(words.length);
  let total = 0;
  for (let r = 0; r < words.length; r++) cdf[r] = total += 1 / (r + 2);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

function sentencePool(count: number, word: () => string): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 6 + int(18);
    const ws = Array.from({ length: n }, word);
    ws[0] = ws[0]![0]!.toUpperCase() + ws[0]!.slice(1);
    out.push(ws.join(" ") + pick([".", ".", ".", "?", "!"]));
  }
  return out;
}

/** Markdown and the HTML renderMarkdown gives for it (paragraphs, occasional **bold**): no per-post render. */
function makeBody(sentences: string[]): { markdown: string; html: string } {
  // Log-normal length: median ~3 sentences per paragraph, 1–5 paragraphs (≈ 150–3,000 characters).
  const paragraphs = Math.max(1, Math.min(6, Math.round(Math.exp(0.6 + 0.6 * normal()))));
  const md: string[] = [];
  const html: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const k = 1 + int(5);
    const parts: string[] = [];
    for (let s = 0; s < k; s++) parts.push(pick(sentences));
    let text = parts.join(" ");
    let h = text;
    if (rand() < 0.15) {
      const first = parts[0]!;
      text = `**${first}** ${parts.slice(1).join(" ")}`.trim();
      h = `<strong>${first}</strong> ${parts.slice(1).join(" ")}`.trim();
    }
    md.push(text);
    html.push(`<p>${h}</p>`);
  }
  return { markdown: md.join("\n\n"), html: html.join("\n") };
}

// ---- people --------------------------------------------------------------------------------------
const FIRST = "Ada Ben Chloe Dev Elena Farid Grace Hiro Ines Jonas Kofi Lena Marco Nadia Omar Priya Quinn Rosa Sami Tara Umar Vera Wen Xavier Yara Zoe Aisha Bruno Carmen Diego Emma Felix Gita Hugo Ivy Jack Kira Liam Maya Noah Olga Paul Rhea Sven Tomas Uma Viktor Willa".split(" ");
const LAST = "Okafor Lindqvist Raman Brooks Whitfield Adeyemi Schultz Watanabe Novak Ortega Marchetti Kim Bell Solberg Herrera Lund Chen Garcia Muller Rossi Dubois Silva Tanaka Nowak Jensen Costa Haddad Carter Patel Singh Cohen Ivanova Moreau Fischer Bianchi Santos Yilmaz Kowalski Larsen Murphy".split(" ");
const COMPANIES = "Contoso Fabrikam Northwind Litware Adventure Tailspin Proseware Woodgrove Lucerne Helix Blue Yonder Wide World Fourth Coffee Alpine Ski Margie Travel Trey Research Wingtip Toys Coho Vineyard Graphic Design Humongous Insurance".split(" ");
const SUFFIX = ["Bank", "Retail", "Pharma", "Telecom", "Foods", "Airlines", "Insurance", "Software", "Energy", "Media", "Group", "Holdings"];
const TITLES: [string, string][] = [
  ["c_level", "Chief Marketing Officer"], ["c_level", "Chief Digital Officer"], ["c_level", "Chief Communications Officer"],
  ["evp", "EVP, Customer Experience"], ["evp", "EVP, Marketing"], ["svp", "SVP, Digital & Social"], ["svp", "SVP, Employee Experience"],
  ["vp", "VP, Social Media"], ["vp", "VP, Corporate Communications"], ["vp", "VP, Social Customer Care"], ["vp", "VP, Product Marketing"],
  ["director", "Director, Social Strategy"], ["director", "Director, Social Analytics"], ["director", "Director, Internal Communications"],
];

export async function seedBench(options: { members: number; threads: number; posts: number; out: string; log?: (s: string) => void }) {
  const log = options.log ?? ((s: string) => console.log(s));
  const { members, threads, posts, out } = options;
  if (posts < threads) throw new Error("--posts must be at least --threads (every thread has an opening post).");
  const started = Date.now();
  const lap = (what: string) => log(`  ${what.padEnd(34)} ${((Date.now() - started) / 1000).toFixed(1)} s`);

  removeDatabaseFiles(out);
  const kdb = openDb(out);
  await migrateToLatest(kdb);
  await seedFramework(kdb);
  await kdb.destroy();
  lap("migrated, framework seeded");

  const sqlite = new Database(out);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -1000000");
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma("foreign_keys = OFF");
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  await dropSearchTriggers(db);

  const now = Date.now();
  const YEAR = 365 * 86_400_000;
  const iso = (t: number) => new Date(t).toISOString();
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  // Chapters
  const chapterIds: number[] = [];
  const insChapter = sqlite.prepare("INSERT INTO chapters (slug, name, description, created_at) VALUES (?, ?, '', ?)");
  for (const name of ["New York", "London", "Singapore", "São Paulo", "Berlin"]) {
    chapterIds.push(Number(insChapter.run(name.toLowerCase().replace(/\W+/g, "-"), name, iso(now - YEAR)).lastInsertRowid));
  }

  // People: the bench account first (id 1), then members.
  const insPerson = sqlite.prepare(`INSERT INTO people (email, email_normalized, name, title, company, role_level, member_type,
    social_responsibility, social_responsibility_note, status, password_hash, chapter_id, joined_at, revoked_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'Owns social strategy.', ?, ?, ?, ?, ?)`);
  const insRole = sqlite.prepare("INSERT INTO person_roles (person_id, role, chapter_id, granted_at) VALUES (?, ?, ?, ?)");
  const authorIds: number[] = [];
  let benchId = 0;
  sqlite.transaction(() => {
    const joined = iso(now - 2 * YEAR);
    benchId = Number(insPerson.run(BENCH_EMAIL, BENCH_EMAIL, "Bench Member", "VP, Social Media", "Bench Corp", "vp", "executive", "active", passwordHash, null, joined, null).lastInsertRowid);
    insRole.run(benchId, "member", null, joined);
    for (let i = 1; i < members; i++) {
      const [level, title] = rand() < 0.03 ? ["below_director", "Social Media Manager"] : pick(TITLES);
      const consultant = rand() < 0.15;
      const status = rand() < 0.03 ? "revoked" : "active";
      const name = `${pick(FIRST)} ${pick(LAST)}`;
      const email = `member${i}@bench.council`;
      const company = consultant ? `${pick(LAST)} & ${pick(LAST)} Consulting` : `${pick(COMPANIES)} ${pick(SUFFIX)}`;
      const joinedAt = iso(now - 2 * YEAR + rand() * YEAR);
      const chapter = rand() < 0.05 ? pick(chapterIds) : null;
      const id = Number(insPerson.run(email, email, name, consultant ? "Managing Partner" : title, company, consultant ? "c_level" : level,
        consultant ? "consultant" : "executive", status, passwordHash, chapter, joinedAt, status === "revoked" ? iso(now - int(100) * 86_400_000) : null).lastInsertRowid);
      insRole.run(id, "member", null, joinedAt);
      if (i <= 2) insRole.run(id, "founder", null, joinedAt);
      else if (i <= 12) insRole.run(id, "moderator", null, joinedAt);
      if (status === "active") authorIds.push(id);
    }
  })();
  lap(`${members} members`);

  // Posts per thread: log-normal, scaled to the total; the first 200 threads are long (60–150 posts)
  // so the page benchmark has full 30-post pages to read.
  const counts = new Int32Array(threads);
  const weights = Array.from({ length: threads }, (_, i) => (i < Math.min(200, threads / 10) ? 0 : Math.exp(1.1 * normal())));
  let fixed = 0;
  for (let i = 0; i < threads; i++) if (weights[i] === 0) fixed += counts[i] = Math.min(60 + int(91), Math.floor(posts / threads) * 8 || 1);
  const wsum = weights.reduce((a, b) => a + b, 0);
  let assigned = fixed;
  for (let i = 0; i < threads; i++) {
    if (weights[i] === 0) continue;
    counts[i] = Math.max(1, Math.floor((weights[i]! / wsum) * (posts - fixed)));
    assigned += counts[i]!;
  }
  for (let i = 0; assigned < posts; i = (i + 1) % threads) {
    counts[i]!++;
    assigned++;
  }
  for (let i = threads - 1; assigned > posts; i = (i - 1 + threads) % threads) {
    if (counts[i]! > 1) {
      counts[i]!--;
      assigned--;
    }
  }

  const word = zipfSampler(buildVocabulary(30_000));
  const sentences = sentencePool(60_000, word);
  const titleWords = [...DOMAIN_WORDS];
  // The bodies are generated as Markdown plus the HTML that renderMarkdown produces for them; check it.
  for (let i = 0; i < 20; i++) {
    const b = makeBody(sentences);
    if (renderMarkdown(b.markdown) !== b.html) throw new Error(`Generated HTML differs from renderMarkdown:\n${b.html}\n---\n${renderMarkdown(b.markdown)}`);
  }
  lap("vocabulary and sentence pool");

  const areas = DEFAULT_LIFECYCLE_AREAS.map((a) => a.key);
  const disciplines = DEFAULT_DISCIPLINES.map((d) => d.key);
  const stages = DEFAULT_MATURITY_STAGES.map((s) => s.key);
  const insThread = sqlite.prepare(`INSERT INTO threads (id, author_id, title, lifecycle_area, discipline, maturity_stage, chapter_id, status, post_count, created_at, last_post_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insPost = sqlite.prepare(`INSERT INTO posts (thread_id, author_id, number, body_markdown, body_html, status, hold_reasons, created_at, edited_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const BATCH = 2_000;
  let written = 0;
  for (let start = 0; start < threads; start += BATCH) {
    sqlite.transaction(() => {
      for (let t = start; t < Math.min(threads, start + BATCH); t++) {
        const id = t + 1;
        const n = counts[t]!;
        const created = now - YEAR + rand() * (YEAR - 86_400_000);
        const step = Math.min(6 * 3600_000, (now - created) / (n + 1));
        const last = created + step * (n - 1);
        const title = Array.from({ length: 3 + int(6) }, () => pick(titleWords)).join(" ");
        const chapter = t >= 200 && rand() < 0.03 ? pick(chapterIds) : null;
        const status = t >= 200 && rand() < 0.005 ? "hidden" : "published";
        insThread.run(id, pick(authorIds), title[0]!.toUpperCase() + title.slice(1) + "?", pick(areas), pick(disciplines),
          rand() < 0.7 ? pick(stages) : null, chapter, status, n, iso(created), iso(last));
        for (let k = 1; k <= n; k++) {
          const body = makeBody(sentences);
          const r = rand();
          const postStatus = k === 1 ? "published" : r < 0.003 ? "held" : r < 0.005 ? "hidden" : r < 0.01 ? "deleted" : "published";
          insPost.run(id, k === 1 ? pick(authorIds) : pick(authorIds), k, body.markdown, body.html, postStatus,
            postStatus === "held" ? '[{"signal":"bench","label":"Synthetic hold","excerpt":""}]' : null,
            iso(created + step * (k - 1)), rand() < 0.02 ? iso(created + step * (k - 1) + 3600_000) : null);
        }
        written += n;
      }
    })();
    if ((start / BATCH) % 5 === 4) lap(`${written.toLocaleString("en-US")} posts`);
  }
  lap(`${threads} threads, ${written.toLocaleString("en-US")} posts`);

  await rebuildSearchIndex(db);
  await createSearchTriggers(db);
  lap("search index built");
  sqlite.exec("ANALYZE");
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  await db.destroy();
  lap("analyzed");
  return { benchId, email: BENCH_EMAIL, password: BENCH_PASSWORD };
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join("scripts", "bench", "seed.ts"))) {
  const opts = {
    members: arg("members", 10_000),
    threads: arg("threads", 50_000),
    posts: arg("posts", 1_000_000),
    out: arg("out", DEFAULT_BENCH_DB),
  };
  console.log(`Seeding a synthetic council into ${opts.out}: ${opts.members} members, ${opts.threads} threads, ${opts.posts} posts`);
  const account = await seedBench(opts);
  const url = benchDatabaseUrl();
  if (url) {
    // PostgreSQL: the same council, copied from the SQLite file into the (empty) database, as db:copy does.
    console.log(`Copying it into PostgreSQL (--database-url)…`);
    const source = new Database(opts.out, { readonly: true });
    const target = openPostgres(url, { poolSize: 2 });
    const counts = await copyCouncil(source, target);
    console.log(counts.filter((c) => ["people", "threads", "posts", "posts_fts"].includes(c.table)).map((c) => `${c.table} ${c.target}`).join(", "));
    source.close();
    await target.destroy();
  }
  console.log(`\nDone. Sign in as ${account.email} / ${account.password} (${url ? "DATABASE_URL=<that URL>" : `DATABASE_PATH=${opts.out}`}).`);
}
