// The README's examples are the files and values they name, so they cannot drift apart.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REVOCATION_RULES } from "../../app/membership/schemas/revoke";
import { parsePolicyFile } from "../../app/membership/eligibility";

const ROOT = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("README", () => {
  it("shows tests/fixtures/policy-v2-example.json as it is, and that file is a valid policy", () => {
    const fixture = readFileSync(path.join(ROOT, "tests/fixtures/policy-v2-example.json"), "utf8");
    const shown = /this is\s+`tests\/fixtures\/policy-v2-example\.json`[^\n]*\n\n```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBe(fixture.endsWith("\n") ? fixture : `${fixture}\n`);
    expect(parsePolicyFile(fixture).ok).toBe(true);
  });

  it("lists every rule npm run revoke accepts", () => {
    const row = readme.split("\n").find((line) => line.startsWith("| `npm run revoke"));
    for (const rule of REVOCATION_RULES) expect(row).toContain(`\`${rule}\``);
  });

  it("lists every npm script in the scripts table", () => {
    const scripts = Object.keys(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>);
    const table = readme.slice(readme.indexOf("## Scripts"), readme.indexOf("## Architecture"));
    const missing = scripts.filter((name) => !table.includes(name === "start" ? "npm start" : name === "test" ? "npm test" : name));
    expect(missing).toEqual([]);
  });
});
