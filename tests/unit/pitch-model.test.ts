// The learned half of the pitch check and the combined verdict: deterministic training, explanations
// that quote the post, the same verdict for every author, and a score that only rises with the
// model's probability and with rule signals.
import { describe, expect, it } from "vitest";
import { readCorpus } from "~/moderation/pitch-corpus.server";
import { DEFAULT_PITCH_THRESHOLD, detectPitch } from "~/moderation/pitch";
import { bundledPitchModel, bundledModelFile } from "~/moderation/bundled-pitch-model.server";
import {
  analyseWithModel, combineScores, DEFAULT_TRAINING, fitCombination, loadPitchModel, modelFromWeights, modelProbability, NAIVE_BAYES_SMOOTHING,
  trainNaiveBayes, trainNaiveBayesBaseline, trainPitchModel, trainWeights,
} from "~/moderation/pitch-model";
import { judgePost, MODEL_DISCUSSION_SIGNAL, MODEL_PHRASE_SIGNAL, scorePost } from "~/moderation/pitch-verdict";

const corpus = readCorpus();
const tune = corpus.filter((r) => r.set === "tune");
const sample = tune.filter((_, i) => i % 4 === 0).map((r) => ({ text: r.body, label: r.label }));

describe("training", () => {
  it("is deterministic: the same rows give the same weights, bias and combination", () => {
    const input = { version: 7, note: "test", threshold: DEFAULT_PITCH_THRESHOLD, ruleScore: (t: string) => detectPitch(t).score, folds: 2 };
    const a = trainPitchModel(sample, input).file;
    const b = trainPitchModel(sample, input).file;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.indices.length).toBeGreaterThan(1000);
  });

  it("a different seed gives different weights (the order matters, and the seed fixes it)", () => {
    const a = trainWeights(sample, { ...DEFAULT_TRAINING, epochs: 2 });
    const b = trainWeights(sample, { ...DEFAULT_TRAINING, epochs: 2, seed: 99 });
    expect(b.weights).not.toEqual(a.weights);
  });

  it("never reads the holdout or fresh rows: the shipped model was trained on exactly the tune rows", () => {
    expect(bundledModelFile().training.rows).toBe(tune.length);
    expect(bundledModelFile().training.pitches).toBe(tune.filter((r) => r.label === "pitch").length);
  });

  it("the shipped model file stays under 2 MB and loads", () => {
    expect(JSON.stringify(bundledModelFile()).length).toBeLessThan(2 * 1024 * 1024);
    expect(bundledPitchModel().version).toBe(bundledModelFile().version);
  });

  it("learns: it separates the training rows it has seen", () => {
    const model = loadPitchModel({ ...trainPitchModel(sample, { version: 1, note: "", threshold: 1, ruleScore: () => 0, folds: 2 }).file });
    const pitches = sample.filter((r) => r.label === "pitch");
    const honest = sample.filter((r) => r.label === "ok");
    const mean = (rows: typeof sample) => rows.reduce((s, r) => s + modelProbability(model, r.text).probability, 0) / rows.length;
    expect(mean(pitches)).toBeGreaterThan(mean(honest) + 0.5);
  });
});

describe("naive Bayes baseline", () => {
  it("is deterministic, chooses its smoothing from the list by cross-validation, and learns", () => {
    const a = trainNaiveBayesBaseline(sample);
    const b = trainNaiveBayesBaseline(sample);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(NAIVE_BAYES_SMOOTHING).toContain(a.smoothing);
    const nb = modelFromWeights(a.weights);
    const right = sample.filter((r) => (modelProbability(nb, r.text).probability >= 0.5) === (r.label === "pitch")).length;
    expect(right / sample.length).toBeGreaterThan(0.9);
  });

  it("its log-odds are the prior plus each feature's log-likelihood ratio: a word seen only in pitches pushes toward a pitch", () => {
    const rows = [
      { text: "book a demo with our agency", label: "pitch" as const }, { text: "book a demo with our agency today", label: "pitch" as const },
      { text: "we tried the agency last year", label: "ok" as const }, { text: "we tried the agency and learned", label: "ok" as const },
    ];
    const nb = modelFromWeights(trainNaiveBayes(rows, 0.1));
    expect(modelProbability(nb, "book a demo").probability).toBeGreaterThan(0.5);
    expect(modelProbability(nb, "we tried").probability).toBeLessThan(0.5);
    expect(modelProbability(nb, "xylophone quartz").probability).toBe(0.5); // no feature it has seen: the prior, 2 pitches to 2
  });
});

describe("explanations quote the post", () => {
  const model = bundledPitchModel();
  it.each(corpus.filter((_, i) => i % 50 === 0).map((r) => [r.id, r.body]))("%s: every phrase is a substring of the post", (_id, body) => {
    const a = analyseWithModel(model, body);
    for (const p of [...a.toward, ...a.away]) expect(body).toContain(p.phrase);
    for (const p of a.toward) expect(p.weight).toBeGreaterThan(0);
    for (const p of a.away) expect(p.weight).toBeLessThan(0);
    for (const r of judgePost(body, model).reasons) expect(body.toLowerCase()).toContain(r.excerpt.toLowerCase());
  });

  it("names the model's phrases with their weight, both ways", () => {
    const text = "Our CFO accepted cost per resolved case as the headline metric after a year of arguing. Our platform costs half that, and we move your data over at no cost if you sign this quarter.";
    const reasons = judgePost(text, model).reasons;
    const toward = reasons.filter((r) => r.signal === MODEL_PHRASE_SIGNAL);
    const away = reasons.filter((r) => r.signal === MODEL_DISCUSSION_SIGNAL);
    expect(toward.length).toBeGreaterThan(0);
    expect(away.length).toBeGreaterThan(0);
    for (const r of toward) expect(r.label).toMatch(/^Model v\d+: reads like a pitch \(\+\d+\.\d\d\)$/);
    for (const r of away) expect(r.label).toMatch(/^Model v\d+: reads like discussion \(−\d+\.\d\d\)$/);
    // a phrase a rule already quotes is not repeated
    const ruleExcerpts = reasons.filter((r) => !r.signal.startsWith("model_")).map((r) => r.excerpt.toLowerCase());
    for (const r of [...toward, ...away]) expect(ruleExcerpts.some((q) => q.includes(r.excerpt.toLowerCase()))).toBe(false);
    // pitch reasons first, heaviest first; what pulled the other way last
    expect(reasons.map((r) => r.weight)).toEqual([...reasons.map((r) => r.weight)].sort((a, b) => b - a));
  });

  it("the strongest phrase matters: taking it out of a pitch lowers the model's probability", () => {
    const text = "Council members get 20% off our listening audit this month; reply and I will send the order form.";
    const a = analyseWithModel(model, text);
    const top = a.toward[0]!;
    expect(top.weight).toBeGreaterThan(0.1);
    expect(modelProbability(model, text.replace(top.phrase, "")).probability).toBeLessThan(a.probability);
  });
});

describe("the same verdict from anyone", () => {
  it("judgePost has no author parameter, and corpus posts by either member type get exactly their text's verdict", () => {
    expect(judgePost.length).toBeLessThanOrEqual(3);
    const model = bundledPitchModel();
    for (const r of corpus.filter((_, i) => i % 25 === 0)) {
      const asExecutive = judgePost(r.body, model);
      const asConsultant = judgePost(`${r.body}`, model);
      expect(asConsultant).toEqual(asExecutive);
    }
  });

  it("the model's features come from the text only: the author's member type written nowhere changes nothing", () => {
    const model = bundledPitchModel();
    const body = "At my agency we help clients with exactly this. Let's connect: calendly.com/jm/30min";
    expect(scorePost(body, model)).toEqual(scorePost(body, model));
    expect(modelProbability(model, body)).toEqual(modelProbability(model, body));
  });
});

describe("the combined score", () => {
  const c = bundledPitchModel().combination;
  const ps = Array.from({ length: 21 }, (_, i) => i / 20);
  const rules = [0, 0.4, 0.6, 1, 1.2, 2, 2.5, 4];

  it("never decreases as the model's probability rises", () => {
    for (const r of rules) for (let i = 1; i < ps.length; i++) expect(combineScores(r, ps[i], c)).toBeGreaterThanOrEqual(combineScores(r, ps[i - 1], c));
  });

  it("never decreases as rule signals add weight", () => {
    for (const p of ps) for (let i = 1; i < rules.length; i++) expect(combineScores(rules[i], p, c)).toBeGreaterThanOrEqual(combineScores(rules[i - 1], p, c));
  });

  it("adding a rule pitch signal to a post never lowers its rule score", () => {
    const base = "We compared three listening vendors this year.";
    expect(detectPitch(`${base} DM me for our rate card.`).score).toBeGreaterThanOrEqual(detectPitch(base).score);
  });

  it("lets the model alone hold a post it is sure of, and never goes below 0", () => {
    expect(combineScores(0, 0.99, c)).toBeGreaterThanOrEqual(DEFAULT_PITCH_THRESHOLD);
    expect(combineScores(0, 0, c)).toBe(0);
  });

  it("fitCombination keeps false positives within the bound on the rows it is given", () => {
    const rows = [
      ...Array.from({ length: 50 }, (_, i) => ({ ruleScore: i % 2 ? 1.2 : 0, probability: 0.6 + (i % 10) / 25, label: "pitch" as const })),
      ...Array.from({ length: 50 }, (_, i) => ({ ruleScore: i % 5 ? 0 : 1.2, probability: (i % 10) / 25, label: "ok" as const })),
    ];
    const fit = fitCombination(rows, 1, 0.02);
    const fp = rows.filter((r) => r.label === "ok" && combineScores(r.ruleScore, r.probability, fit) >= 1).length;
    expect(fp / 50).toBeLessThanOrEqual(0.02);
  });
});
