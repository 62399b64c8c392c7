// The learned half of the pitch check: a logistic-regression text classifier.
//
// Pure (no I/O, no clock, no randomness beyond a seeded generator): the same rows train the same
// weights, and the same text gets the same probability. Like the rules in pitch.ts it reads the
// text only; there is no author parameter and no author feature.
//
// Features, hashed into 2^20 buckets (FNV-1a; collisions are rare and harmless):
//   - word unigrams  ("w"), lower-cased, every run of digits read as "#"
//   - word bigrams   ("b"), neighbouring words
//   (a word inside quotation marks — reported speech, see quoted.ts — has its own unigram, and two
//   quoted neighbours their own bigram, from model v9: a quoted "half off" is not the author's offer)
//   - character n-grams ("c") of 3 to 5 characters inside each word, with word boundaries
//     ("<price>" gives "<pr", "pri", … "ce>"), so "pricing", "priced" and "price" share evidence.
// Each family is weighted 1 + ln(count), L2-normalised on its own and scaled by 1/√3, so the three
// families weigh alike whatever the post's length.
//
// Training: L2-regularised logistic regression by AdaGrad stochastic gradient descent over a fixed
// number of epochs, the rows visited in an order shuffled by a seeded generator (mulberry32).
// Features seen in fewer than two training posts are left out, and so are weights too small to
// matter, which keeps the model file small.
//
// Explanations: the log-odds z = bias + Σ weight × value splits exactly into the contribution of
// each bigram and of each distinct word (its unigram plus its share of the character n-grams it
// contains), so the strongest phrases can be quoted from the post with their weight.

import { randomNumbers } from "../platform/random";
import { quotedSpans } from "./quoted";

export const MODEL_FORMAT = 1;
export const HASH_BITS = 20;
const BUCKETS = 1 << HASH_BITS;
const MASK = BUCKETS - 1;
const CHAR_MIN = 3;
const CHAR_MAX = 5;
const FAMILY_SCALE = 1 / Math.sqrt(3);

/** rulesSeen: the phrase table (pitch.ts) was written against this row, so its rule score there flatters the rules. */
export type TrainingRow = { text: string; label: "pitch" | "ok"; rulesSeen?: boolean };

export type TrainingOptions = { epochs: number; learningRate: number; l2: number; seed: number; minDocs: number; minWeight: number };
/**
 * l2 was 1e-5 up to model v7. For v8 and v9 it was 1e-3, chosen by 5-fold cross-validation on the tune
 * rows alone (npm run pitch-cv; 1e-6 … 1e-2 tried): the model fits every training post either way, and
 * the stronger penalty generalises better to the held-back folds. The other options were tried the
 * same way (epochs 6/20, learning rate 0.2/0.8, minDocs 1/3) and left as they were. From v10 it is
 * 3e-3, chosen with the combination bound below by leaving one writer out (see COMBINATION_MAX_FPR).
 */
export const DEFAULT_TRAINING: TrainingOptions = { epochs: 12, learningRate: 0.4, l2: 3e-3, seed: 18, minDocs: 2, minWeight: 0.002 };

/**
 * The share of honest training posts (out of fold) the combination may hold when it is fitted. 1%
 * up to model v7; 1.75% for v8 (nested cross-validation on the tune rows); 1% for v9 (fitted to the
 * one other writer then known, batch 11). Each time the next writer's set moved the operating point:
 * v8 held 99.3% / 6.4% of the second fresh set, v9 93.3% / 0.0% of the third.
 *
 * From v10, 1.5% with l2 3e-3, chosen by leaving one writer out over the three fresh sets' writers
 * (batches 6, 11 and 14; npm run pitch-cv -- --hold-batch 6,11,14 --l2 X --max-fpr Y, l2 1e-3, 3e-3
 * and 1e-2 and bounds 1% … 1.75% tried): each batch scored by a model trained on every other tune row.
 * No setting met recall ≥ 95% and false-positive rate ≤ 2% on all three writers (batch 11's honest
 * posts are held at 2.1% or more everywhere, 2.9% or more wherever batch 14's recall reaches 95%);
 * this one met both on batches 6 (98.2% / 1.8%) and 14 (96.0% / 0.0%), with batch 11 at 97.9% / 2.9%
 * (1e-3 at 1.5%: 98.2% / 2.6%, 97.9% / 2.9%, 95.3% / 1.3%; 1e-2 at 1.5%: 97.3% / 1.8%, 98.6% / 3.6%,
 * 95.3% / 0.0%; 3e-3 at 1.25%: batch 14's recall 94.0%; at 1.75%: batch 11 at 3.6%).
 */
export const COMBINATION_MAX_FPR = 0.015;

/** How the model's probability joins the rule score: score = max(0, ruleScore + gain × (p − centre)). */
export type Combination = { gain: number; centre: number };

/** What is stored as JSON (in the repo, or in the pitch_models table). */
export type PitchModelFile = {
  format: number;
  version: number;
  hashBits: number;
  bias: number;
  /** Bucket indexes in increasing order, and their weights, rounded to 4 decimals. */
  indices: number[];
  weights: number[];
  combination: Combination;
  training: { rows: number; pitches: number; ok: number; options: TrainingOptions; note: string };
};

/** A model ready to score: its weights put in a compact table once, when it is loaded. */
export type PitchModel = { version: number; bias: number; table: WeightTable; combination: Combination };

export type PhraseContribution = { phrase: string; weight: number };
export type ModelVerdict = { probability: number; logit: number };

// ---- features -----------------------------------------------------------------------------------

type Token = { norm: string; start: number; end: number };

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[$%€£@#]/gu;
const DIGITS = /^\p{N}+$/u;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const norm = DIGITS.test(raw) ? "#" : raw.toLowerCase().replace(/’/g, "'");
    tokens.push({ norm, start: m.index, end: m.index + raw.length });
  }
  return tokens;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED_WORD = 0x77;
const SEED_BIGRAM = 0x62;
const SEED_CHAR = 0x63;
const SEED_QUOTED = 0x71;
/** Mixed into the first word's hash of a bigram whose two words are both quoted. */
const QUOTED_BIGRAM = 0x5bd1e995;

function fnv(s: string, seed: number): number {
  let h = FNV_OFFSET ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** A bigram's bucket from its two words' full hashes (no string is built). */
function bigramBucket(a: number, b: number): number {
  let h = Math.imul(a ^ SEED_BIGRAM, FNV_PRIME);
  h = Math.imul(h ^ (b >>> 16), FNV_PRIME);
  h = Math.imul(h ^ (b & 0xffff), FNV_PRIME);
  h ^= h >>> 15;
  return (Math.imul(h, 0x2c1b3c6d) >>> 0) & MASK;
}

/** What a word contributes, computed once per distinct word and remembered (a pure cache: results never depend on it). */
/** bucket: the word in the author's own words; quotedBucket: the same word inside quotation marks (quoted.ts). */
type WordEntry = { full: number; bucket: number; quotedBucket: number; grams: Int32Array; stamp: number };
const WORD_CACHE = new Map<string, WordEntry>();
const WORD_CACHE_LIMIT = 100_000;

function wordEntry(word: string): WordEntry {
  let e = WORD_CACHE.get(word);
  if (e) return e;
  const s = `<${word}>`;
  const grams = new Set<number>();
  for (let i = 0; i + CHAR_MIN <= s.length; i++) {
    let h = FNV_OFFSET ^ SEED_CHAR;
    for (let j = i; j < s.length && j < i + CHAR_MAX; j++) {
      h = Math.imul(h ^ s.charCodeAt(j), FNV_PRIME);
      if (j - i + 1 >= CHAR_MIN) grams.add((h >>> 0) & MASK);
    }
  }
  const full = fnv(word, SEED_WORD);
  e = { full, bucket: full & MASK, quotedBucket: fnv(word, SEED_QUOTED) & MASK, grams: Int32Array.from(grams), stamp: 0 };
  if (WORD_CACHE.size >= WORD_CACHE_LIMIT) WORD_CACHE.clear();
  WORD_CACHE.set(word, e);
  return e;
}

// Scratch space for one post at a time (JavaScript runs one call at a time; every call leaves it
// empty). A post has a few hundred features out of 2^20 buckets, so they live in a small
// open-addressing table (bucket → slot) that stays in the processor's cache, rather than in arrays
// of 2^20 entries whose every touch is a cache miss. The order features are first touched in is
// kept, so sums run in the same order (and give the same bits) as with dense arrays.
let slotBits = 12;
let slotKeys = new Int32Array(1 << slotBits).fill(-1);
let slotCounts = new Uint16Array(1 << slotBits);
let slotValues = new Float64Array(1 << slotBits);
let slotsUsed = 0;
/** Buckets counted in the family being read, and buckets holding a value, in first-touch order. */
const touchedCounts: number[] = [];
const touchedValues: number[] = [];
/** 1 + ln(count), for the counts a post has. */
const LOG_WEIGHT = Float64Array.from({ length: 65536 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));
let stamp = 0;

const slotHash = (bucket: number, bits: number) => Math.imul(bucket, 0x9e3779b1) >>> (32 - bits);

/** The slot of a bucket, taken if it has none yet (the table doubles when half full). */
function slot(bucket: number): number {
  const mask = (1 << slotBits) - 1;
  let s = slotHash(bucket, slotBits);
  while (slotKeys[s] !== bucket) {
    if (slotKeys[s] === -1) {
      if (2 * (slotsUsed + 1) > 1 << slotBits) {
        growSlots();
        return slot(bucket);
      }
      slotKeys[s] = bucket;
      slotsUsed++;
      return s;
    }
    s = (s + 1) & mask;
  }
  return s;
}

function growSlots() {
  const [keys, counts, values] = [slotKeys, slotCounts, slotValues];
  slotBits++;
  slotKeys = new Int32Array(1 << slotBits).fill(-1);
  slotCounts = new Uint16Array(1 << slotBits);
  slotValues = new Float64Array(1 << slotBits);
  const mask = (1 << slotBits) - 1;
  for (let old = 0; old < keys.length; old++) {
    if (keys[old] === -1) continue;
    let s = slotHash(keys[old], slotBits);
    while (slotKeys[s] !== -1) s = (s + 1) & mask;
    slotKeys[s] = keys[old];
    slotCounts[s] = counts[old];
    slotValues[s] = values[old];
  }
}

function count(i: number) {
  const s = slot(i);
  if (slotCounts[s] === 0) touchedCounts.push(i);
  if (slotCounts[s] < 65535) slotCounts[s]++;
}

/** Moves one family's counts into the values: 1 + ln(count), L2-normalised, times FAMILY_SCALE. */
function flushFamily() {
  let norm = 0;
  for (const i of touchedCounts) norm += LOG_WEIGHT[slotCounts[slot(i)]] ** 2;
  const scale = norm === 0 ? 0 : FAMILY_SCALE / Math.sqrt(norm);
  for (const i of touchedCounts) {
    const s = slot(i);
    if (slotValues[s] === 0) touchedValues.push(i);
    slotValues[s] += LOG_WEIGHT[slotCounts[s]] * scale;
    slotCounts[s] = 0;
  }
  touchedCounts.length = 0;
}

/** The value of a feature of the post being read (0 if it has none). */
const valueOf = (bucket: number) => slotValues[slot(bucket)];

type Extracted = { tokens: Token[]; entries: WordEntry[]; quoted: Uint8Array };

/** 1 for each token inside quotation marks (reported speech), else 0. */
function quotedTokens(text: string, tokens: Token[]): Uint8Array {
  const quoted = new Uint8Array(tokens.length);
  const spans = quotedSpans(text);
  if (spans.length === 0) return quoted;
  let s = 0;
  for (let t = 0; t < tokens.length; t++) {
    while (s < spans.length && spans[s][1] <= tokens[t].start) s++;
    if (s < spans.length && spans[s][0] <= tokens[t].start) quoted[t] = 1;
  }
  return quoted;
}

/** The bucket of the bigram ending at token t: its own bucket when both words are quoted. */
function bigramAt(entries: WordEntry[], quoted: Uint8Array, t: number): number {
  const first = quoted[t - 1] && quoted[t] ? entries[t - 1].full ^ QUOTED_BIGRAM : entries[t - 1].full;
  return bigramBucket(first, entries[t].full);
}

/** Fills the values (and touchedValues) with the post's features; the caller must call clearValues(). */
function extract(text: string): Extracted {
  const tokens = tokenize(text);
  const entries = tokens.map((t) => wordEntry(t.norm));
  const quoted = quotedTokens(text, tokens);
  for (let t = 0; t < entries.length; t++) count(quoted[t] ? entries[t].quotedBucket : entries[t].bucket);
  flushFamily();
  for (let t = 1; t < entries.length; t++) count(bigramAt(entries, quoted, t));
  flushFamily();
  stamp++;
  for (const e of entries) {
    if (e.stamp === stamp) continue;
    e.stamp = stamp;
    for (const g of e.grams) count(g);
  }
  flushFamily();
  return { tokens, entries, quoted };
}

function clearValues() {
  // Removing a key from an open-addressing table breaks the probe chains through it, so every
  // slot is found first and only then emptied; every key set during this post is in touchedValues.
  const slots = touchedValues.map(slot);
  for (const s of slots) {
    slotKeys[s] = -1;
    slotValues[s] = 0;
    slotCounts[s] = 0;
  }
  touchedValues.length = 0;
  slotsUsed = 0;
}

type Features = { index: Int32Array; value: Float32Array };

function featurize(text: string): Features {
  extract(text);
  const index = Int32Array.from(touchedValues);
  const value = new Float32Array(index.length);
  for (let k = 0; k < index.length; k++) value[k] = valueOf(index[k]);
  clearValues();
  return { index, value };
}

// ---- scoring ------------------------------------------------------------------------------------

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * The model's weights in a compact open-addressing table (bucket → weight, a quarter full): tens
 * of thousands of weights in well under a megabyte, instead of a dense array of 2^20.
 */
export type WeightTable = { bits: number; keys: Int32Array; weights: Float32Array };

function weightTable(indices: number[], weights: number[]): WeightTable {
  let bits = 4;
  while (1 << bits < 4 * Math.max(1, indices.length)) bits++;
  const mask = (1 << bits) - 1;
  const table: WeightTable = { bits, keys: new Int32Array(1 << bits).fill(-1), weights: new Float32Array(1 << bits) };
  for (let k = 0; k < indices.length; k++) {
    let s = slotHash(indices[k], bits);
    while (table.keys[s] !== -1 && table.keys[s] !== indices[k]) s = (s + 1) & mask;
    table.keys[s] = indices[k];
    table.weights[s] = weights[k];
  }
  return table;
}

/** A bucket's weight (0 for a bucket the model has none for). */
function weightOf(table: WeightTable, bucket: number): number {
  const mask = (1 << table.bits) - 1;
  for (let s = slotHash(bucket, table.bits); ; s = (s + 1) & mask) {
    const key = table.keys[s];
    if (key === bucket) return table.weights[s];
    if (key === -1) return 0;
  }
}

/** Turns the stored JSON into a scoring model (once per version: the caller keeps it). */
export function loadPitchModel(file: PitchModelFile): PitchModel {
  if (file.format !== MODEL_FORMAT || file.hashBits !== HASH_BITS) throw new Error(`Unsupported pitch model format ${file.format}/${file.hashBits}`);
  if (file.indices.length !== file.weights.length) throw new Error("Pitch model: indices and weights differ in length");
  return { version: file.version, bias: file.bias, table: weightTable(file.indices, file.weights), combination: file.combination };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export type ModelAnalysis = ModelVerdict & { toward: PhraseContribution[]; away: PhraseContribution[] };

/** The log-odds of the post whose features were just extracted. */
function logOdds(model: PitchModel): number {
  let z = model.bias;
  for (const i of touchedValues) z += weightOf(model.table, i) * valueOf(i);
  return z;
}

/** The model's probability that the text is a pitch. */
export function modelProbability(model: PitchModel, text: string): ModelVerdict {
  extract(text);
  const z = logOdds(model);
  clearValues();
  return { probability: sigmoid(z), logit: z };
}

/**
 * The probability, and the phrases of the post that weigh most each way. The log-odds split
 * exactly over the words (each distinct word: its unigram plus its share of the character n-grams
 * it contains, a gram in k distinct words counting 1/k to each; a word found n times counts 1/n at
 * each place) and the bigrams between neighbours. A phrase is a run of one to three words whose
 * words and inner bigrams add up to the most (or, for the other way, the least); phrases do not
 * overlap and are quoted from the post as written. `explainIf` may skip the phrases for a
 * probability that needs none (the features are extracted once either way).
 */
export function analyseWithModel(model: PitchModel, text: string, maxPhrases = 3, explainIf: (probability: number) => boolean = () => true): ModelAnalysis {
  const { tokens, entries, quoted } = extract(text);
  const z = logOdds(model);
  if (!explainIf(sigmoid(z))) {
    clearValues();
    return { probability: sigmoid(z), logit: z, toward: [], away: [] };
  }
  const contribution = (i: number) => weightOf(model.table, i) * valueOf(i);
  const distinct = [...new Set(entries)];
  for (const e of distinct) for (const g of e.grams) slotCounts[slot(g)]++; // how many distinct words own each gram
  const occurrences = new Map<WordEntry, number>();
  for (const e of entries) occurrences.set(e, (occurrences.get(e) ?? 0) + 1);
  // Only buckets the post has may be looked up (looking one up takes a slot for it).
  const asOwn = new Set(entries.filter((_, t) => !quoted[t]));
  const asQuoted = new Set(entries.filter((_, t) => quoted[t]));
  const wordWeight = new Map<WordEntry, number>();
  for (const e of distinct) {
    let w = ((asOwn.has(e) ? contribution(e.bucket) : 0) + (asQuoted.has(e) ? contribution(e.quotedBucket) : 0)) / occurrences.get(e)!;
    for (const g of e.grams) w += contribution(g) / slotCounts[slot(g)] / occurrences.get(e)!;
    wordWeight.set(e, w);
  }
  const bigramOcc = new Map<number, number>();
  const bigram: number[] = [0];
  for (let t = 1; t < entries.length; t++) {
    const b = bigramAt(entries, quoted, t);
    bigram.push(b);
    bigramOcc.set(b, (bigramOcc.get(b) ?? 0) + 1);
  }
  const tokenWeight = entries.map((e) => wordWeight.get(e)!);
  const linkWeight = bigram.map((b, t) => (t === 0 ? 0 : contribution(b) / bigramOcc.get(b)!));
  clearValues();
  const pick = (sign: 1 | -1): PhraseContribution[] => {
    const used = new Uint8Array(tokens.length);
    const out: PhraseContribution[] = [];
    while (out.length < maxPhrases) {
      let best: { a: number; b: number; w: number } | null = null;
      for (let a = 0; a < tokens.length; a++) {
        let w = 0;
        for (let b = a; b < tokens.length && b < a + 3 && !used[b]; b++) {
          w += tokenWeight[b] + (b > a ? linkWeight[b] : 0);
          if (sign * w >= 0.005 && (!best || sign * w > sign * best.w)) best = { a, b, w };
        }
      }
      if (!best) break;
      for (let t = best.a; t <= best.b; t++) used[t] = 1;
      out.push({ phrase: text.slice(tokens[best.a].start, tokens[best.b].end), weight: round2(best.w) });
    }
    return out;
  };
  return { probability: sigmoid(z), logit: z, toward: pick(1), away: pick(-1) };
}

// ---- training -----------------------------------------------------------------------------------

export type TrainedWeights = { bias: number; indices: number[]; weights: number[] };

/** Fits the weights. Deterministic: the same rows in the same order and options give the same weights. */
export function trainWeights(rows: TrainingRow[], options: TrainingOptions = DEFAULT_TRAINING): TrainedWeights {
  const docs = rows.map((r) => ({ f: featurize(r.text), y: r.label === "pitch" ? 1 : 0 }));
  const docFreq = new Uint32Array(BUCKETS);
  for (const d of docs) for (const i of d.f.index) docFreq[i]++;
  const weights = new Float64Array(BUCKETS);
  const squares = new Float64Array(BUCKETS);
  let bias = 0;
  let biasSquares = 0;
  const random = randomNumbers(options.seed);
  const order = docs.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const { f, y } = docs[k];
      let z = bias;
      for (let n = 0; n < f.index.length; n++) if (docFreq[f.index[n]] >= options.minDocs) z += weights[f.index[n]] * f.value[n];
      const g = sigmoid(z) - y;
      biasSquares += g * g;
      bias -= (options.learningRate * g) / Math.sqrt(biasSquares + 1e-8);
      for (let n = 0; n < f.index.length; n++) {
        const i = f.index[n];
        if (docFreq[i] < options.minDocs) continue;
        const grad = g * f.value[n] + options.l2 * weights[i];
        squares[i] += grad * grad;
        weights[i] -= (options.learningRate * grad) / Math.sqrt(squares[i] + 1e-8);
      }
    }
  }
  const indices: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < BUCKETS; i++) {
    const v = Math.round(weights[i] * 10_000) / 10_000;
    if (Math.abs(v) >= options.minWeight) {
      indices.push(i);
      kept.push(v);
    }
  }
  return { bias: Math.round(bias * 10_000) / 10_000, indices, weights: kept };
}

// ---- naive Bayes baseline ------------------------------------------------------------------------

export const NAIVE_BAYES_SMOOTHING = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1] as const;

/**
 * The baseline the logistic model has to beat (pitch-eval reports both): multinomial naive Bayes
 * over the same features (their values as fractional counts), each class's feature distribution
 * smoothed by adding `smoothing` to every feature seen in at least `minDocs` training posts.
 * Deterministic (one pass, no randomness). Its log-odds are linear in the features — prior log-odds
 * plus, per feature, value × (log P(feature | pitch) − log P(feature | ok)) — so it is returned as
 * weights and scored by modelProbability like the logistic model.
 */
export function trainNaiveBayes(rows: TrainingRow[], smoothing: number, minDocs = DEFAULT_TRAINING.minDocs): TrainedWeights {
  return naiveBayesFrom(rows.map((r) => ({ f: featurize(r.text), y: r.label === "pitch" ? 1 : 0 })), smoothing, minDocs);
}

function naiveBayesFrom(docs: { f: Features; y: number }[], smoothing: number, minDocs: number): TrainedWeights {
  const docFreq = new Uint32Array(BUCKETS);
  for (const d of docs) for (const i of d.f.index) docFreq[i]++;
  const mass = [new Float64Array(BUCKETS), new Float64Array(BUCKETS)];
  const total = [0, 0];
  for (const d of docs) {
    for (let n = 0; n < d.f.index.length; n++) {
      if (docFreq[d.f.index[n]] < minDocs) continue;
      mass[d.y][d.f.index[n]] += d.f.value[n];
      total[d.y] += d.f.value[n];
    }
  }
  let vocabulary = 0;
  for (let i = 0; i < BUCKETS; i++) if (docFreq[i] >= minDocs) vocabulary++;
  const pitches = docs.filter((d) => d.y === 1).length;
  const indices: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < BUCKETS; i++) {
    if (docFreq[i] < minDocs) continue;
    const logPitch = Math.log((mass[1][i] + smoothing) / (total[1] + smoothing * vocabulary));
    const logOk = Math.log((mass[0][i] + smoothing) / (total[0] + smoothing * vocabulary));
    indices.push(i);
    weights.push(Math.round((logPitch - logOk) * 10_000) / 10_000);
  }
  return { bias: Math.log(Math.max(1, pitches) / Math.max(1, docs.length - pitches)), indices, weights };
}

/**
 * Naive Bayes with its smoothing chosen by 5-fold cross-validation on the training rows alone (the
 * value with the most out-of-fold posts right at p ≥ 0.5; ties: the smaller value), then fitted on
 * all of them.
 */
export function trainNaiveBayesBaseline(rows: TrainingRow[], folds = 5): { weights: TrainedWeights; smoothing: number } {
  const docs = rows.map((r) => ({ f: featurize(r.text), y: r.label === "pitch" ? 1 : 0 }));
  let best = { smoothing: NAIVE_BAYES_SMOOTHING[0] as number, right: -1 };
  for (const smoothing of NAIVE_BAYES_SMOOTHING) {
    let right = 0;
    for (let k = 0; k < folds; k++) {
      const { train, test } = splitFold(docs, k, folds);
      const w = naiveBayesFrom(train, smoothing, DEFAULT_TRAINING.minDocs);
      const table = weightTable(w.indices, w.weights);
      for (const d of test) {
        let z = w.bias;
        for (let n = 0; n < d.f.index.length; n++) z += weightOf(table, d.f.index[n]) * d.f.value[n];
        if ((z >= 0 ? 1 : 0) === d.y) right++;
      }
    }
    if (right > best.right) best = { smoothing, right };
  }
  return { weights: naiveBayesFrom(docs, best.smoothing, DEFAULT_TRAINING.minDocs), smoothing: best.smoothing };
}

/** A scorer for weights fitted here (the naive Bayes baseline), read exactly like a stored model. */
export function modelFromWeights(w: TrainedWeights, version = 0): PitchModel {
  return { version, bias: w.bias, table: weightTable(w.indices, w.weights), combination: { gain: 0, centre: 0 } };
}

/** The combined score: the rule score moved up or down by the model's probability; never below 0. */
export function combineScores(ruleScore: number, probability: number, c: Combination): number {
  return Math.max(0, round2(ruleScore + c.gain * (probability - c.centre)));
}

/**
 * Chooses how the model's probability joins the rule score, from out-of-fold probabilities of
 * training rows (never held-out ones): the pair that holds the most pitches while holding at most
 * `maxFpr` of the honest posts at the given threshold (ties: fewer false positives, then the smaller
 * gain). The model alone must be able to hold a post it is sure of (probability ≥ 0.97).
 */
export function fitCombination(
  scored: { ruleScore: number; probability: number; label: "pitch" | "ok" }[],
  threshold: number,
  maxFpr = COMBINATION_MAX_FPR,
): Combination {
  const pitches = scored.filter((s) => s.label === "pitch");
  const honest = scored.filter((s) => s.label === "ok");
  let best: { c: Combination; recall: number; fpr: number } | null = null;
  for (let g = 4; g <= 24; g++) {
    for (let k = 12; k <= 38; k++) {
      const c = { gain: g / 4, centre: k / 40 };
      if (c.centre + threshold / c.gain > 0.97) continue;
      const held = (s: (typeof scored)[number]) => combineScores(s.ruleScore, s.probability, c) >= threshold;
      const fpr = honest.filter(held).length / Math.max(1, honest.length);
      const recall = pitches.filter(held).length / Math.max(1, pitches.length);
      if (fpr > maxFpr) continue;
      if (!best || recall > best.recall + 1e-9 || (Math.abs(recall - best.recall) < 1e-9 && fpr < best.fpr - 1e-9)) best = { c, recall, fpr };
    }
  }
  return best?.c ?? { gain: 2, centre: 0.45 };
}

/** The rows of fold `k` of `folds`, and the rest: assigned by position, so deterministic. */
export function splitFold<T>(rows: T[], k: number, folds: number): { train: T[]; test: T[] } {
  return { train: rows.filter((_, i) => i % folds !== k), test: rows.filter((_, i) => i % folds === k) };
}

export type ModelTrainingResult = { file: PitchModelFile; outOfFold: { probability: number; label: "pitch" | "ok"; text: string; rulesSeen: boolean }[] };

/** Fewest rows the rules were not written against for the combination to be fitted on them alone. */
export const MIN_UNSEEN_FOR_FIT = 200;

/**
 * Trains a complete model: out-of-fold probabilities (5 folds) to fit the combination with the
 * rules, then the final weights on all rows. `ruleScore` is the rule half (pitch.ts), passed in so
 * this module does not depend on it.
 */
export function trainPitchModel(
  rows: TrainingRow[],
  input: { version: number; note: string; threshold: number; ruleScore: (text: string) => number; options?: TrainingOptions; folds?: number; maxFpr?: number },
): ModelTrainingResult {
  const options = input.options ?? DEFAULT_TRAINING;
  const folds = input.folds ?? 5;
  const outOfFold: ModelTrainingResult["outOfFold"] = [];
  for (let k = 0; k < folds; k++) {
    const { train, test } = splitFold(rows, k, folds);
    const model = loadPitchModel(asFile(trainWeights(train, options), 0, { gain: 0, centre: 0 }, train, options, ""));
    for (const r of test) outOfFold.push({ probability: modelProbability(model, r.text).probability, label: r.label, text: r.text, rulesSeen: r.rulesSeen === true });
  }
  // The rule score flatters the rules on rows the phrase table was written against; when there are
  // enough other rows, the combination is fitted on those alone.
  const unseen = outOfFold.filter((o) => !o.rulesSeen);
  const fitRows = unseen.length >= MIN_UNSEEN_FOR_FIT ? unseen : outOfFold;
  const combination = fitCombination(
    fitRows.map((o) => ({ ruleScore: input.ruleScore(o.text), probability: o.probability, label: o.label })),
    input.threshold,
    input.maxFpr,
  );
  return { file: asFile(trainWeights(rows, options), input.version, combination, rows, options, input.note), outOfFold };
}

function asFile(w: TrainedWeights, version: number, combination: Combination, rows: TrainingRow[], options: TrainingOptions, note: string): PitchModelFile {
  const pitches = rows.filter((r) => r.label === "pitch").length;
  return {
    format: MODEL_FORMAT, version, hashBits: HASH_BITS, bias: w.bias, indices: w.indices, weights: w.weights, combination,
    training: { rows: rows.length, pitches, ok: rows.length - pitches, options, note },
  };
}
