// npm run bench:reply -- [--db ./data/bench.db] [--count 2000]
// Sequential replies per second through replyToThread (app/forum/posts.server.ts): validation, Markdown
// render and sanitize, screening, the post insert, counters, read state, follows, notifications and
// the FTS update (triggers), one transaction each. Writes real replies into the bench database.
import { performance } from "node:perf_hooks";
import { replyToThread } from "../../app/forum/posts.server";
import { loadActor } from "../../app/accounts/session.server";
import { benchDb, opt } from "./lib";
import { BENCH_EMAIL, DEFAULT_BENCH_DB } from "./seed";

const file = opt("db", DEFAULT_BENCH_DB);
const count = Number(opt("count", "2000"));

const BODIES = [
  "We measured this over two quarters. **Retention** moved by about 4% in the cohort that got a public answer within an hour, and the CFO accepted it because finance owned the model.\n\nWhat did your finance team push back on first?",
  "Agree with the point above. Our center of excellence sets governance, not budgets — the business units keep their own programs and we review them twice a year.\n\n- guidelines\n- training\n- escalation paths",
  "A short data point: after moving the care desk to follow-the-sun, median first response dropped from 3 h to 25 min, but tone drifted between hubs. A shared voice guide fixed most of it.",
  "Has anyone tied employee advocacy to recruiting outcomes in a way HR trusts? We tag referral links per employee, which is crude, but it comes from their own applicant tracking system.",
];

const db = benchDb(file);
// Posting limits allow an established member 20 posts an hour, so the replies rotate over enough
// established members (the bench account and others who joined over a week ago) to stay under it.
const PER_MEMBER = 15;
const bench = await db.selectFrom("people").select("id").where("email_normalized", "=", BENCH_EMAIL).executeTakeFirstOrThrow();
const others = await db.selectFrom("people").select("id").where("status", "=", "active").where("id", "!=", bench.id)
  .where("joined_at", "<", new Date(Date.now() - 8 * 86_400_000).toISOString())
  .orderBy("id").limit(Math.ceil((count + 50) / PER_MEMBER)).execute();
const actors = await Promise.all([bench, ...others].map(async (p) => (await loadActor(db, p.id))!));
const actorFor = (i: number) => actors[Math.floor(i / PER_MEMBER) % actors.length]!;
// A previous run within the hour would still count against these members: this is the bench's own database.
await db.deleteFrom("rate_limit_events").execute();
const threads = (await db.selectFrom("threads").select("id").where("status", "=", "published").where("chapter_id", "is", null)
  .orderBy("id", "desc").limit(200).execute()).map((t) => t.id);

for (let i = 0; i < 50; i++) await replyToThread(db, actorFor(count + i), { threadId: threads[i % threads.length]!, body: BODIES[i % BODIES.length]! }); // warm-up
const times: number[] = [];
let held = 0;
const t0 = performance.now();
for (let i = 0; i < count; i++) {
  const s = performance.now();
  const r = await replyToThread(db, actorFor(i), { threadId: threads[i % threads.length]!, body: `${BODIES[i % BODIES.length]!}\n\n(reply ${i})` });
  times.push(performance.now() - s);
  if (r.held) held++;
}
const seconds = (performance.now() - t0) / 1000;
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!.toFixed(2);
console.log(`bench:reply on ${file}: ${count} sequential replies via replyToThread across ${threads.length} threads`);
console.log(`replies: ${(count / seconds).toFixed(0)}/s   p50 ${pct(50)} ms   p99 ${pct(99)} ms   (${held} held by screening; target > 300/s)`);
await db.destroy();
