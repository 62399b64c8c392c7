// The direction of imports in app/, checked by `npm run lint`: routes → domains → platform.
// Pure: it reads a map of file path → source text, so tests can hand it a deliberately wrong tree.
import path from "node:path";

/** The product's domains. Each may use the platform, and the other domains listed here (through their exported functions). */
export const DOMAIN_USES: Record<string, string[]> = {
  accounts: [],
  forum: ["accounts", "moderation"],
  moderation: ["accounts", "forum", "membership"], // the moderation log names a revocation's rule
  membership: ["accounts", "forum", "governance"],
  governance: ["accounts", "forum", "membership"],
};
const DOMAINS = Object.keys(DOMAIN_USES);

type Layer = "routes" | "app" | "components" | "platform" | "domain" | "outside";
export type FileKind = { layer: Layer; domain?: string };

export function classify(file: string): FileKind {
  const parts = file.split("/");
  if (parts[0] !== "app") return { layer: "outside" };
  if (parts.length === 2) return { layer: "app" }; // root.tsx, jobs.server.ts: compose domains like a route
  if (parts[1] === "routes") return { layer: "routes" };
  if (parts[1] === "components") return { layer: "components" };
  if (parts[1] === "platform") return { layer: "platform" };
  if (DOMAINS.includes(parts[1])) return { layer: "domain", domain: parts[1] };
  return { layer: "outside" };
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

/** The app-relative files a source imports (packages and non-code assets are left out). */
export function importsOf(file: string, source: string, files: Set<string>): string[] {
  const found: string[] = [];
  for (const [, spec] of source.matchAll(SPECIFIER)) {
    let base: string;
    if (spec.startsWith("~/")) base = path.posix.join("app", spec.slice(2));
    else if (spec.startsWith(".")) base = path.posix.join(path.posix.dirname(file), spec);
    else continue;
    base = base.split("?")[0];
    const target = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((candidate) => files.has(candidate));
    if (target) found.push(target);
  }
  return found;
}

function directionProblem(from: string, to: string): string | null {
  const a = classify(from);
  const b = classify(to);
  if (a.layer === "outside" || from === to) return null;
  if (b.layer === "routes" && a.layer !== "routes") return "only routes import routes";
  if (b.layer === "app") return "nothing in app/ imports root.tsx or jobs.server.ts";
  if (a.layer === "platform" && b.layer !== "platform") return "the platform uses no domain, component or route";
  if (a.layer === "domain") {
    if (b.layer === "components") return "domains hold no React; routes compose components";
    if (b.layer === "domain" && b.domain !== a.domain && !DOMAIN_USES[a.domain!].includes(b.domain!))
      return `${a.domain} does not use ${b.domain} (declare it in DOMAIN_USES, scripts/lib/import-rules.ts, if it must)`;
  }
  const presentational = a.layer === "components" || from.split("/")[2] === "schemas";
  if (presentational && /\.server\.tsx?$/.test(to)) return "presentational code and schemas must not import server modules";
  return null;
}

/** Import cycles between files, each as the list of files around it. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "visiting");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "visiting") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

/** Every broken rule, as "file: message" lines. */
export function checkImports(sources: Map<string, string>): string[] {
  const files = new Set(sources.keys());
  const graph = new Map<string, string[]>();
  const problems: string[] = [];
  for (const [file, source] of sources) {
    const targets = importsOf(file, source, files);
    graph.set(file, targets);
    for (const target of targets) {
      const problem = directionProblem(file, target);
      if (problem) problems.push(`${file}: imports ${target}: ${problem}`);
    }
  }
  for (const cycle of findCycles(graph)) problems.push(`${cycle[0]}: import cycle: ${cycle.join(" → ")}`);
  return problems;
}
