import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runScript, STACK_FRAME, stderrLines } from "../helpers/cli";

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

  it("refuses a --threshold outside the founders' settings range (0.1 to 10) with one line, like the form", async () => {
    const results = await Promise.all(["0", "-1", "10.5"].map((t) => runScript("pitch-check", [`--threshold=${t}`], { input: jsonl({ id: 1, body: "Hi" }) })));
    for (const [i, result] of results.entries()) {
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(stderrLines(result)).toEqual([`--threshold: ${i < 2 ? "At least 0.1" : "At most 10"} (got "${["0", "-1", "10.5"][i]}"). Run with --help for usage.`]);
    }
  });

  it("an empty id or body is a line error; the other lines are still checked", () => {
    const { status, out, stderr } = pitchCheck(jsonl({ id: "", body: "Any thoughts?" }, { id: 2, body: "   " }, { id: " ", body: "x" }, { id: 4, body: "How do you staff a social team?" }));
    expect(status).toBe(1);
    expect(stderr).toMatch(/^line 1: id must not be empty$/m);
    expect(stderr).toMatch(/^line 2: body must not be empty$/m);
    expect(stderr).toMatch(/^line 3: id must not be empty$/m);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(out.map((o) => o.id)).toEqual([4]);
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
