import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

function pitchCheck(input: string, args: string[] = []) {
  const result = spawnSync(TSX, ["scripts/pitch-check.ts", ...args], { cwd: ROOT, input, encoding: "utf8" });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    /** stdout parsed as JSON Lines (only read this when stdout should be JSONL). */
    get out() {
      return result.stdout
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}

const jsonl = (...rows: unknown[]) => rows.map((row) => (typeof row === "string" ? row : JSON.stringify(row))).join("\n") + "\n";

describe("npm run pitch-check", () => {
  it("writes one verdict per post, in input order, as JSONL", () => {
    const input = jsonl(
      { id: "a", body: "We pay about $40k a year for Sprinklr — what do others see?" },
      { id: 2, body: "Book a demo at calendly.com/rpatel/intro and get 20% off.", authorType: "consultant" },
      "",
      { id: "c", body: "Happy to share our framework, just DM me.", authorType: "executive" },
    );
    const { status, out, stderr } = pitchCheck(input);
    expect(stderr).not.toMatch(/line \d+:/);
    expect(status).toBe(0);
    expect(out.map((o) => o.id)).toEqual(["a", 2, "c"]);
    for (const o of out) {
      expect(Object.keys(o)).toEqual(["id", "held", "score", "reasons"]);
      expect(typeof o.held).toBe("boolean");
      expect(typeof o.score).toBe("number");
      expect(Array.isArray(o.reasons)).toBe(true);
      for (const reason of o.reasons as Record<string, unknown>[]) {
        expect(Object.keys(reason).sort()).toEqual(["excerpt", "label", "signal", "weight"]);
      }
    }
    expect(out.map((o) => o.held)).toEqual([false, true, true]);
  });

  it("reports a bad line on stderr, keeps going, and exits 1", () => {
    const input = jsonl({ id: 1, body: "How do you report social ROI?" }, "{not json", { id: 3, body: "DM me for our rate card." }, { id: 4 });
    const { status, out, stderr } = pitchCheck(input);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^line 2: invalid JSON/m);
    expect(stderr).toMatch(/^line 4: body is missing/m);
    expect(out.map((o) => o.id)).toEqual([1, 3]);
  });

  it("rejects an unknown authorType with a clear message", () => {
    const { status, stderr, out } = pitchCheck(jsonl({ id: 1, body: "x", authorType: "vendor" }));
    expect(status).toBe(1);
    expect(stderr).toMatch(/^line 1: authorType must be "executive" or "consultant"/m);
    expect(out).toEqual([]);
  });

  it("gives the same verdict whatever the authorType", () => {
    const body = "At my agency we help clients with exactly this. Let's connect: calendly.com/jm/30min";
    const { out, status } = pitchCheck(
      jsonl({ id: 1, body, authorType: "executive" }, { id: 2, body, authorType: "consultant" }, { id: 3, body }),
    );
    expect(status).toBe(0);
    const withoutId = out.map(({ id: _id, ...rest }) => rest);
    expect(withoutId[1]).toEqual(withoutId[0]);
    expect(withoutId[2]).toEqual(withoutId[0]);
    expect(withoutId[0].held).toBe(true);
  });

  it("accepts --threshold", () => {
    const input = jsonl({ id: 1, body: "Happy to share our framework, just DM me." });
    expect(pitchCheck(input, ["--threshold", "10"]).out[0].held).toBe(false);
    expect(pitchCheck(input, ["--threshold=0.5"]).out[0].held).toBe(true);
  });

  it("--help prints usage and exits 0", () => {
    const { status, stdout } = pitchCheck("", ["--help"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Usage:/);
  });

  it("an unknown option exits 2 with a message", () => {
    const { status, stderr } = pitchCheck("", ["--frobnicate"]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/frobnicate/);
  });
});
