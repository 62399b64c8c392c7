// The pitch check learns from the council's moderators.
//
// Every decision on a held post (published → "ok", rejected → "pitch") and on sales-pitch flags
// (upheld → "pitch", dismissed → "ok") is kept as a labelled example with the post's text at the
// time, who decided and when (recordPitchExample, inside the decision's transaction). One decision in
// five (by id) is kept out of training for ever, to measure models on.
//
// A founder retrains at /moderation/settings: the candidate learns from the corpus's tune rows and the
// moderators' training decisions — never the corpus's holdout rows, the fresh set or the held-out
// decisions — and is measured beside the model in force on the corpus's holdout split and on the
// held-out decisions of the last 90 days. Adopting it is a founder's decision, audited and shown in
// the public moderation log; every automatic hold names the version behind it.
import type { Db } from "../platform/db.server";
import { recordAudit } from "../platform/audit.server";
import { Conflict, Forbidden, NotFound } from "../platform/errors";
import { can, type Actor } from "../accounts/permissions";
import { nowIso } from "../platform/time";
import { bundledPitchModel, bundledModelFile } from "./bundled-pitch-model.server";
import { detectPitch } from "./pitch";
import { loadPitchModel, trainPitchModel, type PitchModel, type PitchModelFile, type TrainingRow } from "./pitch-model";
import { scorePost } from "./pitch-verdict";
import { readCorpus } from "./pitch-corpus.server";
import { getModerationSettings } from "./moderation-settings.server";
import type { PitchModelDecision } from "./schemas/moderation";

export const EVALUATION_DAYS = 90;
/** Every fifth decision (by id) is held out of training. */
export const HOLDOUT_EVERY = 5;

export type PitchExampleInput = {
  postId: number | null;
  body: string;
  label: "pitch" | "ok";
  source: "held_post" | "flag";
  decision: "published" | "rejected" | "upheld" | "dismissed";
  decidedBy: number;
};

/** Keeps a moderator's decision as a labelled example (in the decision's transaction). */
export async function recordPitchExample(trx: Db, e: PitchExampleInput): Promise<void> {
  const row = await trx.insertInto("pitch_examples").values({
    post_id: e.postId, body: e.body, label: e.label, source: e.source, decision: e.decision,
    decided_by: e.decidedBy, decided_at: nowIso(), split: "train",
  }).returning("id").executeTakeFirstOrThrow();
  if (row.id % HOLDOUT_EVERY === 0) await trx.updateTable("pitch_examples").set({ split: "holdout" }).where("id", "=", row.id).execute();
}

// ---- the model in force -------------------------------------------------------------------------

const loaded = new Map<number, PitchModel>();

/** The adopted model, or the one shipped with the code until a founder adopts one. Parsed once per version. */
export async function currentPitchModel(db: Db): Promise<PitchModel> {
  const adopted = await db.selectFrom("pitch_models").select("version").where("status", "=", "adopted").executeTakeFirst();
  if (!adopted) return bundledPitchModel();
  const cached = loaded.get(adopted.version);
  if (cached) return cached;
  const row = await db.selectFrom("pitch_models").select("model_json").where("version", "=", adopted.version).executeTakeFirstOrThrow();
  const model = loadPitchModel(JSON.parse(row.model_json) as PitchModelFile);
  loaded.set(adopted.version, model);
  return model;
}

// ---- measuring ----------------------------------------------------------------------------------

export type Rates = { posts: number; pitches: number; recall: number | null; fpr: number | null };
export type ModelMetrics = { holdout: Rates; decisions: Rates };

export function rates(rows: { label: "pitch" | "ok"; held: boolean }[]): Rates {
  const pitches = rows.filter((r) => r.label === "pitch");
  const honest = rows.filter((r) => r.label === "ok");
  return {
    posts: rows.length,
    pitches: pitches.length,
    recall: pitches.length ? pitches.filter((r) => r.held).length / pitches.length : null,
    fpr: honest.length ? honest.filter((r) => r.held).length / honest.length : null,
  };
}

type EvaluationRow = { text: string; label: "pitch" | "ok" };

function measure(model: PitchModel, threshold: number, sets: { holdout: EvaluationRow[]; decisions: EvaluationRow[] }): ModelMetrics {
  const run = (rows: EvaluationRow[]) => rates(rows.map((r) => ({ label: r.label, held: scorePost(r.text, model, threshold).held })));
  return { holdout: run(sets.holdout), decisions: run(sets.decisions) };
}

async function evaluationSets(db: Db) {
  const since = new Date(Date.now() - EVALUATION_DAYS * 86_400_000).toISOString();
  const decisions = await db.selectFrom("pitch_examples").select(["body", "label"]).where("split", "=", "holdout")
    .where("decided_at", ">=", since).orderBy("id").execute();
  return {
    holdout: readCorpus().filter((r) => r.set === "holdout").map((r) => ({ text: r.body, label: r.label })),
    decisions: decisions.map((d) => ({ text: d.body, label: d.label })),
  };
}

// ---- the settings page --------------------------------------------------------------------------

export type ModelSummary = { version: number; source: "shipped" | "retrained"; trainedAt: string | null; adoptedAt: string | null; metrics: ModelMetrics | null };

async function lastExampleIdOf(db: Db, version: number): Promise<number> {
  const row = await db.selectFrom("pitch_models").select("last_example_id").where("version", "=", version).executeTakeFirst();
  return row?.last_example_id ?? 0;
}

/** What founders see at /moderation/settings: the model in force, new decisions since it was trained, and the candidate. */
export async function getPitchLearning(db: Db, actor: Actor) {
  if (!can(actor, "manage_moderation")) throw new Forbidden("Only founders retrain the pitch check.");
  const current = await currentPitchModel(db);
  const since = await lastExampleIdOf(db, current.version);
  const counts = await db.selectFrom("pitch_examples")
    .select((eb) => [eb.fn.countAll<number>().as("total"), eb.fn.count<number>(eb.case().when("id", ">", since).then(1).end()).as("fresh")])
    .executeTakeFirstOrThrow();
  const rows = await db.selectFrom("pitch_models").selectAll().where("status", "in", ["adopted", "candidate"]).execute();
  const adopted = rows.find((r) => r.status === "adopted");
  const candidate = rows.find((r) => r.status === "candidate");
  const metricsOf = (json: string) => JSON.parse(json) as { candidate: ModelMetrics; current: ModelMetrics & { version: number } };
  const currentSummary: ModelSummary = adopted
    ? { version: adopted.version, source: "retrained", trainedAt: adopted.trained_at, adoptedAt: adopted.adopted_at, metrics: metricsOf(adopted.metrics_json).candidate }
    : { version: current.version, source: "shipped", trainedAt: null, adoptedAt: null, metrics: null };
  return {
    current: currentSummary,
    examples: { total: Number(counts.total), new: Number(counts.fresh) },
    candidate: candidate
      ? { version: candidate.version, trainedAt: candidate.trained_at, examplesUsed: candidate.examples_used, ...metricsOf(candidate.metrics_json) }
      : null,
  };
}

/**
 * A founder retrains: a candidate version from the corpus's tune rows and the moderators' training
 * decisions, measured with the model in force on the fixed holdout split and the last 90 days of
 * held-out decisions. An earlier candidate that was not adopted is discarded.
 */
export async function retrainPitchModel(db: Db, actor: Actor): Promise<{ version: number }> {
  if (!can(actor, "manage_moderation")) throw new Forbidden("Only founders retrain the pitch check.");
  const { pitchThreshold } = await getModerationSettings(db);
  const examples = await db.selectFrom("pitch_examples").select(["id", "body", "label"]).where("split", "=", "train").orderBy("id").execute();
  const lastExample = await db.selectFrom("pitch_examples").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst();
  const corpus = readCorpus().filter((r) => r.set === "tune");
  const rows: TrainingRow[] = [
    ...corpus.map((r) => ({ text: r.body, label: r.label, rulesSeen: r.batch === undefined })),
    ...examples.map((e) => ({ text: e.body, label: e.label, rulesSeen: false })),
  ];
  const maxStored = await db.selectFrom("pitch_models").select((eb) => eb.fn.max("version").as("v")).executeTakeFirst();
  const version = Math.max(bundledModelFile().version, Number(maxStored?.v ?? 0)) + 1;
  const { file } = trainPitchModel(rows, {
    version, threshold: pitchThreshold, ruleScore: (text) => detectPitch(text).score,
    note: `Retrained at /moderation/settings from ${corpus.length} corpus tune rows and ${examples.length} moderators' decisions.`,
  });
  const sets = await evaluationSets(db);
  const current = await currentPitchModel(db);
  const metrics = {
    candidate: measure(loadPitchModel(file), pitchThreshold, sets),
    current: { version: current.version, ...measure(current, pitchThreshold, sets) },
    threshold: pitchThreshold,
  };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("pitch_models").set({ status: "discarded" }).where("status", "=", "candidate").execute();
    await trx.insertInto("pitch_models").values({
      version, status: "candidate", model_json: JSON.stringify(file), metrics_json: JSON.stringify(metrics),
      examples_used: examples.length, last_example_id: lastExample?.id == null ? null : Number(lastExample.id),
      trained_at: nowIso(), trained_by: actor.id, adopted_at: null, adopted_by: null,
    }).execute();
    await recordAudit(trx, {
      actorId: actor.id, action: "pitch_model.trained", subjectType: "pitch_model", subjectId: version, rule: "pitch_model",
      reason: `Pitch model v${version} trained from ${corpus.length} corpus rows and ${examples.length} decisions.`, details: metrics,
    });
  });
  return { version };
}

/** A founder adopts the candidate: from now on it decides which posts are held. Audited, in the public log. */
export async function adoptPitchModel(db: Db, actor: Actor, input: { version: number }): Promise<void> {
  if (!can(actor, "manage_moderation")) throw new Forbidden("Only founders adopt a pitch model.");
  const row = await db.selectFrom("pitch_models").select(["version", "status", "metrics_json"]).where("version", "=", input.version).executeTakeFirst();
  if (!row) throw new NotFound("There is no such pitch model version.");
  if (row.status !== "candidate") throw new Conflict("Only the latest candidate can be adopted.");
  const previous = (await currentPitchModel(db)).version;
  const m = JSON.parse(row.metrics_json) as { candidate: ModelMetrics };
  const pct = (n: number | null) => (n == null ? "n/a" : `${(n * 100).toFixed(1)}%`);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("pitch_models").set({ status: "superseded" }).where("status", "=", "adopted").execute();
    await trx.updateTable("pitch_models").set({ status: "adopted", adopted_at: nowIso(), adopted_by: actor.id }).where("version", "=", row.version).execute();
    await recordAudit(trx, {
      actorId: actor.id, action: "pitch_model.adopted", subjectType: "pitch_model", subjectId: row.version, rule: "pitch_model",
      reason: `Pitch model v${row.version} adopted in place of v${previous} (holdout recall ${pct(m.candidate.holdout.recall)}, false positives ${pct(m.candidate.holdout.fpr)}).`,
      details: { version: row.version, previous },
    });
  });
}

/** One decision from the settings page's pitch model section (the form's intent says which). */
export async function decidePitchModel(db: Db, actor: Actor, d: PitchModelDecision): Promise<{ message: string }> {
  if (d.intent === "retrain") {
    const { version } = await retrainPitchModel(db, actor);
    return { message: `Candidate model v${version} is trained. Compare it with the model in force below, then adopt it or not.` };
  }
  await adoptPitchModel(db, actor, d);
  return { message: `Model v${d.version} is adopted: from now on it decides which posts are held, and the moderation log names it.` };
}
