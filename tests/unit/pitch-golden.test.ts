// The speed work on the pitch check (lower-cased matching, cached features, explanations only when
// needed) must not change a single verdict: model v5's verdicts on every corpus and fresh post, in
// four spellings, are compared with those pinned before it (tests/helpers/pitch-golden.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GOLDEN_PATH, goldenVerdicts } from "../helpers/pitch-golden";

describe("pitch check verdicts are unchanged by the speed work", () => {
  it("rules, full verdict, held-only explanations and score-only agree with the pinned digests", () => {
    const pinned = JSON.parse(readFileSync(GOLDEN_PATH, "utf8")) as Record<string, string>;
    const now = goldenVerdicts();
    expect(Object.keys(pinned).length).toBeGreaterThan(9_000);
    // Every pinned post is still there and gets the same verdict (rows added to the corpus later are not pinned).
    const changed = Object.keys(pinned).filter((k) => now[k] !== pinned[k]);
    expect(changed).toEqual([]);
  }, 120_000);
});

describe("warm start", () => {
  it("the server's start-up hook is the pitch check's warm-up, and warming changes no verdict", async () => {
    const entry = await import("../../app/entry.server");
    const { screenPost, warmUpPitchCheck } = await import("../../app/moderation/screening.server");
    expect(entry.warmUp).toBe(warmUpPitchCheck);
    const post = "Our platform cuts costs in half. Book a demo at calendly.com/acme.";
    const before = screenPost(post, 1);
    warmUpPitchCheck();
    expect(screenPost(post, 1)).toEqual(before);
    expect(before.held).toBe(true);
  });
});
