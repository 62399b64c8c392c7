// npm run lint — the project's own structural rules, checked without a plugin zoo:
//  - routes stay thin: no Kysely or database driver imports under app/routes
//  - routes read forms with readFormData, never request.formData() (malformed bodies are a 400)
//  - no focused or skipped tests
//  - imports follow the layers, routes → domains → platform, with no cycle (scripts/lib/import-rules.ts)
import fs from "node:fs";
import path from "node:path";
import { checkImports } from "./lib/import-rules";

const problems: string[] = [];
function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
const check = (files: string[], pattern: RegExp, message: string) => {
  for (const file of files) {
    fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
      if (pattern.test(line)) problems.push(`${file}:${i + 1}: ${message}`);
    });
  }
};
const ts = (files: string[]) => files.filter((f) => /\.tsx?$/.test(f));

check(ts(walk("app/routes")), /from\s+["'](kysely|better-sqlite3)["']/, "routes must call domain functions, not query the database");
check(ts(walk("app/routes")), /\brequest\.formData\(/, "read forms with readFormData (app/platform/http.server.ts): a body that is not a form is a 400, not a 500");
problems.push(...checkImports(new Map(ts(walk("app")).map((file) => [file, fs.readFileSync(file, "utf8")]))));
check(ts(walk("tests")), /\b(it|test|describe)\.(only|skip)\(|\btest\.fixme\(/, "focused or skipped test");

if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("lint: no problems");
