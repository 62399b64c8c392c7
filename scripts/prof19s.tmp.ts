import { sql } from "kysely";
import { performance } from "node:perf_hooks";
import { openDb } from "../app/platform/db.server";
import { migrateToLatest } from "../db/migrate";
import { searchPosts, searchRankingStats } from "../app/forum/search.server";
import { searchIndex } from "../app/forum/search-index.server";
import { parseSearchQuery } from "../app/forum/search-query";
import { loadActor } from "../app/accounts/session.server";
import { replyToThread } from "../app/forum/posts.server";
import { BENCH_EMAIL } from "./bench/seed";
const db = openDb("data/bench-copy.db");
await migrateToLatest(db);
const person = await db.selectFrom("people").select("id").where("email_normalized", "=", BENCH_EMAIL).executeTakeFirstOrThrow();
const actor = (await loadActor(db, person.id))!;
await db.deleteFrom("rate_limit_events").execute();
const time = async (name: string, f: () => Promise<unknown>) => { const t = performance.now(); const r = await f(); console.log(name, (performance.now() - t).toFixed(2), "ms"); return r; };
const qs = ["customer retention", "employee advocacy", "support ticket"];
for (const q of qs) await searchPosts(db, actor, q);
const thread = (await db.selectFrom("threads").select("id").where("status", "=", "published").where("chapter_id", "is", null).orderBy("id", "desc").executeTakeFirstOrThrow()).id;
for (let k = 0; k < 4; k++) {
  const r = await replyToThread(db, actor, { threadId: thread, body: `we looked at customer retention and employee advocacy again ${k}` });
  for (const q of qs) {
    const fts = searchIndex(db).queryText(parseSearchQuery(q))!;
    await time(`  scores ${q}`, () => searchIndex(db).scores(db, fts, [r.postId, r.postId - 1]));
    await time(`  log`, () => db.selectFrom("search_changes").select("post_id").where("version", ">", 0).execute());
    await time(`search ${q}`, () => searchPosts(db, actor, q));
    await time(`search again ${q}`, () => searchPosts(db, actor, q));
  }
}
console.log(searchRankingStats(db));
await db.destroy();
