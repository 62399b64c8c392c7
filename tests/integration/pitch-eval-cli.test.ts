// npm run pitch-eval reads the fresh set from its own file (tests/fixtures/pitch-fresh-4.jsonl, added after
// the model is frozen). Without it, it says so in one line and exits 2; with it, every row of that file is
// scored as fresh. No figure of the real fresh set is pinned here.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runScript, STACK_FRAME, stderrLines } from "../helpers/cli";

const dir = mkdtempSync(path.join(tmpdir(), "pitch-eval-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run pitch-eval and the fresh set", { timeout: 180_000 }, () => {
  it("without the fresh set file: one plain line, exit 2, nothing evaluated", async () => {
    const missing = path.join(dir, "no-such-fresh.jsonl");
    const result = await runScript("pitch-eval", ["--summary", "--fresh", missing]);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(stderrLines(result)).toEqual([`The fresh set ${path.relative(process.cwd(), missing)} is missing: it is added after the model is frozen; nothing evaluated.`]);
    expect(result.stdout).toBe("");
  });

  it("with one: its rows are scored as the fresh set, whatever their set field says", async () => {
    const file = path.join(dir, "fresh.jsonl");
    const rows = [
      { id: "x1", label: "pitch", set: "fresh", authorType: "consultant", body: "Our platform is $99 a seat. Book a demo this week at calendly.com/acme and get 20% off." },
      { id: "x2", label: "ok", set: "tune", authorType: "executive", body: "We renewed our listening contract last month and negotiated the price down by comparing two quotes." },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const result = await runScript("pitch-eval", ["--summary", "--fresh", file]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const freshLines = result.stdout.split("\n").filter((line) => /^fresh\s/.test(line));
    expect(freshLines).toHaveLength(4); // rules, model, combined, naive Bayes
    for (const line of freshLines) expect(line).toMatch(/^fresh\s+\S+(?: Bayes)?\s+2\s+1\s+1\s/);
    expect(result.stdout).toMatch(/^ {2}fresh +(met|NOT met) \(recall/m);
  });
});
