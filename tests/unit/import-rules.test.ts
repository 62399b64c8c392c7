import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { checkImports } from "../../scripts/lib/import-rules";

const tree = (files: Record<string, string>) => new Map(Object.entries(files));

describe("import direction (npm run lint)", () => {
  it("accepts routes → domains → platform", () => {
    expect(checkImports(tree({
      "app/routes/threads.tsx": 'import { listThreads } from "~/forum/threads.server";\nimport { Field } from "~/components/field";',
      "app/components/field.tsx": 'import { ROLE_LABELS } from "../accounts/permissions";',
      "app/forum/threads.server.ts": 'import { can } from "../accounts/permissions";\nimport type { Db } from "../platform/db.server";',
      "app/accounts/permissions.ts": 'import type { Role } from "../../db/schema";',
      "app/platform/db.server.ts": 'import Database from "better-sqlite3";',
    }))).toEqual([]);
  });

  it.each([
    ["the platform importing a domain", { "app/platform/mail.server.ts": 'import { can } from "../accounts/permissions";', "app/accounts/permissions.ts": "" }, "the platform uses no domain"],
    ["a domain importing a route", { "app/forum/posts.server.ts": 'import { loader } from "~/routes/threads";', "app/routes/threads.tsx": "" }, "only routes import routes"],
    ["a domain importing a component", { "app/forum/posts.server.ts": 'import { Pager } from "~/components/pager";', "app/components/pager.tsx": "" }, "domains hold no React"],
    ["an undeclared domain use", { "app/accounts/session.server.ts": 'import { getCurrentPolicy } from "../membership/policy.server";', "app/membership/policy.server.ts": "" }, "accounts does not use membership"],
    ["a schema importing a server module", { "app/forum/schemas/post.ts": 'import { getDb } from "../../platform/db.server";', "app/platform/db.server.ts": "" }, "must not import server modules"],
    ["a component importing a server module", { "app/components/pager.tsx": 'import { getDb } from "~/platform/db.server";', "app/platform/db.server.ts": "" }, "must not import server modules"],
  ])("refuses %s", (_case, files, message) => {
    const problems = checkImports(tree(files));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it("refuses an import cycle and names the files around it", () => {
    const problems = checkImports(tree({
      "app/forum/threads.server.ts": 'import { renderMarkdown } from "./markdown.server";',
      "app/forum/markdown.server.ts": 'import { mentionsIn } from "./mentions";',
      "app/forum/mentions.ts": 'import { getThread } from "./threads.server";',
    }));
    expect(problems).toEqual(["app/forum/markdown.server.ts: import cycle: app/forum/markdown.server.ts → app/forum/mentions.ts → app/forum/threads.server.ts → app/forum/markdown.server.ts"]);
  });

  it("passes on the real tree", () => {
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const files = walk("app").filter((f) => /\.tsx?$/.test(f));
    expect(checkImports(new Map(files.map((f) => [f, fs.readFileSync(f, "utf8")])))).toEqual([]);
  });
});
