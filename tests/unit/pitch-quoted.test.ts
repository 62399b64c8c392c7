// Quoted text is reported speech (app/moderation/quoted.ts): the rules do not fire on it, the model
// reads quoted words as features of their own, and a pitch that quotes a testimonial is still read
// by its own words.
import { describe, expect, it } from "vitest";
import { detectPitch } from "~/moderation/pitch";
import { analyseWithModel, modelProbability } from "~/moderation/pitch-model";
import { blankQuoted, quotedSpans } from "~/moderation/quoted";
import { bundledPitchModel } from "~/moderation/bundled-pitch-model.server";

const quotes = (text: string) => quotedSpans(text).map(([a, b]) => text.slice(a, b));

describe("quotedSpans", () => {
  it("finds double, curly and single quotes, not apostrophes", () => {
    expect(quotes(`Got this in a DM: "two spots left, book now". Ugh.`)).toEqual(["two spots left, book now"]);
    expect(quotes(`Who else got the 'Cyber Monday: half off' email?`)).toEqual(["Cyber Monday: half off"]);
    expect(quotes(`“Best tool we bought” says a CFO; ‘quoted’ too`)).toEqual(["Best tool we bought", "quoted"]);
    expect(quotes(`I don't think the members' dinner counts`)).toEqual([]);
    expect(quotes(`An unclosed "quote quotes nothing`)).toEqual([]);
  });

  it("blanks quoted text without moving anything else", () => {
    const text = `Got this: "20% off until Friday". Really?`;
    const blank = blankQuoted(text);
    expect(blank).toHaveLength(text.length);
    expect(blank).not.toContain("20% off");
    expect(blank.endsWith(`". Really?`)).toBe(true);
  });

  it("reads long or odd input (no quote runs past 400 characters or a line break)", () => {
    expect(quotes(`"${"a".repeat(401)}"`)).toEqual([]);
    expect(quotes(`"one\ntwo"`)).toEqual([]);
    expect(quotes(`${"'x ".repeat(5_000)}`).length).toBeLessThan(5_000);
  });
});

describe("the pitch check and quotes", () => {
  it("the rules do not fire on an offer quoted to complain about it, and do when the author makes it", () => {
    const offer = "Exclusive for council members: 40% off our analytics suite until Friday";
    expect(detectPitch(offer).score).toBeGreaterThan(0);
    expect(detectPitch(`Heads up: someone emailed half the council with "${offer}". Not affiliated with us.`).score).toBe(0);
  });

  it("the model reads a quoted word apart from the same word in the author's own words", () => {
    const model = bundledPitchModel();
    const own = modelProbability(model, "Two design-partner spots left, book a call this week.").probability;
    const quoted = modelProbability(model, `Got this in a DM today: "two design-partner spots left, book a call this week."`).probability;
    expect(quoted).not.toBe(own);
    expect(quoted).toBeLessThan(own);
  });

  it("explaining posts with quotes leaves nothing behind: other posts score the same afterwards", () => {
    const model = bundledPitchModel();
    const post = "Our platform cuts reporting time in half. Book a demo this week.";
    const before = modelProbability(model, post);
    for (let i = 0; i < 3_000; i++) analyseWithModel(model, `Got this ${i}: "free ${i} audit, book now" and 'half off ${i}' — please stop.`);
    expect(modelProbability(model, post)).toEqual(before);
  });
});
