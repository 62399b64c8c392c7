import { describe, expect, it } from "vitest";
import { countFlagCompanies, flagsHidePost, normalizeCompany, pitchStrikesInWindow, strikesSuspend, type FlagForCount } from "../../app/moderation/flag-rules";

const author = { id: 1, company: "Acme Corp" };
const flag = (personId: number, company: string, open = true): FlagForCount => ({ personId, company, open });

describe("countFlagCompanies", () => {
  it.each<[string, FlagForCount[], number]>([
    ["three members of three companies", [flag(2, "Globex"), flag(3, "Initech"), flag(4, "Umbrella")], 3],
    ["two members of one company count once", [flag(2, "Globex"), flag(3, "Globex"), flag(4, "Initech")], 2],
    ["company names compare without case or extra spaces", [flag(2, "Globex"), flag(3, "  GLOBEX "), flag(4, "Initech  Ltd"), flag(5, "initech ltd")], 2],
    ["the author's own flag does not count", [flag(1, "Acme Corp"), flag(2, "Globex"), flag(3, "Initech")], 2],
    ["the author's colleagues do not count", [flag(2, "acme  corp"), flag(3, "ACME CORP"), flag(4, "Globex")], 1],
    ["withdrawn flags do not count", [flag(2, "Globex", false), flag(3, "Initech"), flag(4, "Umbrella", false)], 1],
    ["a member who withdrew and flagged again counts once", [flag(2, "Globex", false), flag(2, "Globex"), flag(2, "Globex"), flag(3, "Initech")], 2],
    ["no flags", [], 0],
  ])("%s", (_label, flags, expected) => {
    expect(countFlagCompanies(flags, author).count).toBe(expected);
  });

  it("names the distinct companies it counted, normalized", () => {
    expect(countFlagCompanies([flag(2, "Globex "), flag(3, "Initech"), flag(4, "globex")], author).companies).toEqual(["globex", "initech"]);
  });
});

describe("flagsHidePost", () => {
  it.each([[2, 3, false], [3, 3, true], [4, 3, true], [1, 1, true], [4, 5, false]])("%i companies against a threshold of %i hides: %s", (count, threshold, hides) => {
    expect(flagsHidePost({ companies: [], count }, threshold)).toBe(hides);
  });
  it("defaults to three companies", () => {
    expect(flagsHidePost({ companies: [], count: 2 })).toBe(false);
    expect(flagsHidePost({ companies: [], count: 3 })).toBe(true);
  });
});

describe("strikes", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
  it.each<[string, { rule: string; recordedAt: string }[], number, boolean]>([
    ["three pitch strikes within a year suspend", [{ rule: "sales_pitch", recordedAt: daysAgo(1) }, { rule: "sales_pitch", recordedAt: daysAgo(100) }, { rule: "sales_pitch", recordedAt: daysAgo(364) }], 3, true],
    ["a strike older than 365 days has expired", [{ rule: "sales_pitch", recordedAt: daysAgo(1) }, { rule: "sales_pitch", recordedAt: daysAgo(100) }, { rule: "sales_pitch", recordedAt: daysAgo(366) }], 2, false],
    ["two pitch strikes do not suspend", [{ rule: "sales_pitch", recordedAt: daysAgo(1) }, { rule: "sales_pitch", recordedAt: daysAgo(2) }], 2, false],
    ["strikes under other rules are not pitch strikes", [{ rule: "sales_pitch", recordedAt: daysAgo(1) }, { rule: "off_topic", recordedAt: daysAgo(2) }, { rule: "disrespectful", recordedAt: daysAgo(3) }], 1, false],
    ["four pitch strikes suspend", [1, 2, 3, 4].map((d) => ({ rule: "sales_pitch", recordedAt: daysAgo(d) })), 4, true],
  ])("%s", (_label, strikes, count, suspends) => {
    expect(pitchStrikesInWindow(strikes, now)).toBe(count);
    expect(strikesSuspend(strikes, now)).toBe(suspends);
  });
});

describe("normalizeCompany", () => {
  it("trims, collapses spaces and lowercases", () => {
    expect(normalizeCompany("  Big   Bank\tPLC ")).toBe("big bank plc");
  });
});
