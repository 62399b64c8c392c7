// WORKERS > 1: the cluster workers run scripts/serve.ts as one plain JavaScript bundle (scripts/lib/bundle.mjs:
// esbuild, npm packages left as imports), not through the tsx loader, which costs each process ~34 MB (a loader
// thread with its own V8 heap). Made at every start (in the preparation child, ~0.2 s), so it always matches the
// sources, into build/workers/ (two folders deep, like scripts/lib/, so paths made from import.meta.dirname still
// point at the project), named by content hash and written atomically.
import path from "node:path";
import { bundleEntry } from "./bundle.mjs";

export const WORKER_BUNDLE_DIR = path.resolve("build/workers");

/** Bundles scripts/serve.ts for the workers; returns the entry's path, or undefined (logged) when esbuild fails. */
export async function bundleWorkerEntry(): Promise<string | undefined> {
  try {
    return await bundleEntry(path.resolve("scripts/serve.ts"), WORKER_BUNDLE_DIR);
  } catch (error) {
    console.error(`Could not bundle the workers' JavaScript (they run under tsx instead): ${(error as Error).message}`);
    return undefined;
  }
}
