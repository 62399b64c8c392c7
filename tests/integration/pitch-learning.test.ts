// The pitch check learns from moderators: decisions become labelled examples; a founder retrains a
// candidate, sees it measured beside the model in force, adopts it; new holds name the new version.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { Conflict, Forbidden } from "../../app/platform/errors";
import type { Actor } from "../../app/accounts/permissions";
import { dismissFlags, flagPost, listModerationLog, publishHeldPost, rejectHeldPost, upholdFlags } from "../../app/moderation/moderation.server";
import { adoptPitchModel, currentPitchModel, getPitchLearning, retrainPitchModel } from "../../app/moderation/pitch-learning.server";
import { bundledModelFile } from "../../app/moderation/bundled-pitch-model.server";
import { replyToThread } from "../../app/forum/posts.server";
import { readCorpus } from "../../app/moderation/pitch-corpus.server";
import { createTestDb } from "../helpers/db";
import { makeMember, makeThread } from "../factories";

let db: Db;
let founder: Actor;
let moderator: Actor;
let author: Actor;
beforeEach(async () => {
  db = await createTestDb();
  founder = await makeMember(db, { roles: ["member", "founder"], memberType: "consultant" });
  moderator = await makeMember(db, { roles: ["member", "moderator"] });
  author = await makeMember(db, { memberType: "consultant", company: "Brightloop" });
});

const PITCH = "We help Fortune 500 brands with social customer care. Book a call with me at calendly.com/dana — free audit this week only!";
const HONEST = "We moved our social care team under CX last year. First-response times fell by half; the lesson was staffing weekends.";
const examples = () => db.selectFrom("pitch_examples").selectAll().orderBy("id").execute();

async function heldReply(body = PITCH) {
  const t = await makeThread(db, moderator);
  const r = await replyToThread(db, author, { threadId: t.id, body });
  expect(r.held).toBe(true);
  return r.postId;
}

async function flaggedPost(reason: "sales_pitch" | "off_topic") {
  const t = await makeThread(db, author, { body: HONEST });
  const post = await db.selectFrom("posts").select("id").where("thread_id", "=", t.id).executeTakeFirstOrThrow();
  const flagger = await makeMember(db);
  await flagPost(db, flagger, { postId: post.id, reason, note: null });
  return post.id;
}

describe("moderators' decisions become labelled examples", () => {
  it("publishing and rejecting a held post keep the text at the time, the decision, who and when", async () => {
    const published = await heldReply();
    const rejected = await heldReply(`${PITCH} Second try.`);
    await publishHeldPost(db, moderator, { postId: published });
    await rejectHeldPost(db, moderator, { postId: rejected, reason: "This is a sales pitch for your firm." });
    const rows = await examples();
    expect(rows.map((r) => [r.post_id, r.label, r.source, r.decision, r.decided_by])).toEqual([
      [published, "ok", "held_post", "published", moderator.id],
      [rejected, "pitch", "held_post", "rejected", moderator.id],
    ]);
    expect(rows[0]!.body).toBe(PITCH);
    expect(rows[1]!.body).toBe(`${PITCH} Second try.`);
    expect(Date.parse(rows[0]!.decided_at)).not.toBeNaN();
  });

  it("upheld sales-pitch flags teach 'pitch', dismissed ones 'ok'; flags for other rules teach nothing", async () => {
    const upheld = await flaggedPost("sales_pitch");
    const dismissed = await flaggedPost("sales_pitch");
    const offTopic = await flaggedPost("off_topic");
    await upholdFlags(db, moderator, { postId: upheld, rule: "sales_pitch" });
    await dismissFlags(db, moderator, { postId: dismissed });
    await upholdFlags(db, moderator, { postId: offTopic, rule: "off_topic" });
    const rows = await examples();
    expect(rows.map((r) => [r.post_id, r.label, r.source, r.decision])).toEqual([
      [upheld, "pitch", "flag", "upheld"],
      [dismissed, "ok", "flag", "dismissed"],
    ]);
    expect(rows.every((r) => r.body === HONEST)).toBe(true);
  });

  it("one decision in five is kept out of training", async () => {
    for (let i = 0; i < 10; i++) await publishHeldPost(db, moderator, { postId: await heldReply(`${PITCH} (${i})`) });
    const rows = await examples();
    expect(rows.filter((r) => r.split === "holdout").map((r) => r.id % 5)).toEqual([0, 0]);
  });
});

describe("retrain → candidate with metrics → adopt", () => {
  it("a founder retrains, sees the candidate beside the model in force, adopts it, and new holds name it", { timeout: 300_000 }, async () => {
    // Twelve decisions: two are held out (ids 5 and 10), ten may train.
    for (let i = 0; i < 6; i++) await rejectHeldPost(db, moderator, { postId: await heldReply(`${PITCH} Offer ${i}.`), reason: "A sales pitch for the author's firm." });
    for (let i = 0; i < 6; i++) await publishHeldPost(db, moderator, { postId: await heldReply(`${PITCH} Published ${i}.`) });

    const before = await getPitchLearning(db, founder);
    expect(before.current).toMatchObject({ version: bundledModelFile().version, source: "shipped" });
    expect(before.examples).toEqual({ total: 12, new: 12 });
    expect(before.candidate).toBeNull();

    await expect(retrainPitchModel(db, moderator)).rejects.toBeInstanceOf(Forbidden);
    const { version } = await retrainPitchModel(db, founder);
    expect(version).toBe(bundledModelFile().version + 1);

    const page = await getPitchLearning(db, founder);
    const holdoutSize = readCorpus().filter((r) => r.set === "holdout").length;
    expect(page.candidate).toMatchObject({ version, examplesUsed: 10 });
    expect(page.candidate!.candidate.holdout.posts).toBe(holdoutSize);
    expect(page.candidate!.current.holdout.posts).toBe(holdoutSize);
    expect(page.candidate!.current.version).toBe(bundledModelFile().version);
    expect(page.candidate!.candidate.decisions.posts).toBe(2); // the held-out decisions of the last 90 days
    for (const m of [page.candidate!.candidate, page.candidate!.current]) {
      expect(m.holdout.recall).toBeGreaterThan(0.5);
      expect(m.holdout.fpr).toBeLessThan(0.2);
    }
    // The candidate trained on the tune rows and the ten training decisions, never on held-out ones.
    const stored = await db.selectFrom("pitch_models").select(["status", "model_json"]).where("version", "=", version).executeTakeFirstOrThrow();
    expect(stored.status).toBe("candidate");
    expect(JSON.parse(stored.model_json).training.rows).toBe(readCorpus().filter((r) => r.set === "tune").length + 10);
    expect((await currentPitchModel(db)).version).toBe(bundledModelFile().version); // not in force until adopted

    await expect(adoptPitchModel(db, moderator, { version })).rejects.toBeInstanceOf(Forbidden);
    await adoptPitchModel(db, founder, { version });
    await expect(adoptPitchModel(db, founder, { version })).rejects.toBeInstanceOf(Conflict);
    expect((await currentPitchModel(db)).version).toBe(version);
    const after = await getPitchLearning(db, founder);
    expect(after.current).toMatchObject({ version, source: "retrained" });
    expect(after.examples).toEqual({ total: 12, new: 0 });
    expect(after.candidate).toBeNull();

    const adoption = await db.selectFrom("audit_log").selectAll().where("action", "=", "pitch_model.adopted").executeTakeFirstOrThrow();
    expect(adoption.actor_id).toBe(founder.id);
    expect(JSON.parse(adoption.details!)).toEqual({ version, previous: bundledModelFile().version });

    // A new automatic hold names the adopted version, in the public moderation log.
    const postId = await heldReply(`${PITCH} Fresh one.`);
    const log = await listModerationLog(db, { action: "post.held" });
    const entry = log.entries.find((e) => e.subject_id === postId)!;
    expect(entry.actor_name).toBeNull();
    expect(entry.reason).toContain(`model v${version}`);
    const hold = await db.selectFrom("audit_log").select("details").where("action", "=", "post.held").where("subject_id", "=", postId).executeTakeFirstOrThrow();
    expect(JSON.parse(hold.details!).modelVersion).toBe(version);
    expect((await listModerationLog(db, { action: "pitch_model.adopted" })).entries).toHaveLength(1);
  });

  it("holds made before any retraining name the shipped version", async () => {
    const postId = await heldReply();
    const hold = await db.selectFrom("audit_log").select(["details", "actor_id", "rule"]).where("action", "=", "post.held").where("subject_id", "=", postId).executeTakeFirstOrThrow();
    expect(hold.actor_id).toBeNull();
    expect(hold.rule).toBe("pitch_check");
    expect(JSON.parse(hold.details!).modelVersion).toBe(bundledModelFile().version);
  });
});
