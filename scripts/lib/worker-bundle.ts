// WORKERS > 1: the cluster workers run scripts/serve.ts as one plain JavaScript bundle (esbuild, npm packages left
// as imports), not through the tsx loader, which costs each process ~34 MB (a loader thread with its own V8 heap).
// Made at every start (in the preparation child, ~0.2 s), so it always matches the sources. The files go to
// build/workers/ (two folders deep, like scripts/lib/, so paths made from import.meta.dirname still point at the
// project), named by content hash and written atomically: two servers starting from one checkout never see a
// half-written file, and a running server's workers keep theirs.
import fs from "node:fs";
import path from "node:path";

export const WORKER_BUNDLE_DIR = path.resolve("build/workers");
const KEEP_OLD_MS = 24 * 60 * 60 * 1000;

/** Bundles scripts/serve.ts for the workers; returns the entry's path, or undefined (logged) when esbuild fails. */
export async function bundleWorkerEntry(): Promise<string | undefined> {
  try {
    const esbuild = await import("esbuild");
    const result = await esbuild.build({
      entryPoints: { serve: path.resolve("scripts/serve.ts") },
      bundle: true, splitting: true, format: "esm", platform: "node", target: "node20",
      packages: "external", // node_modules stay imports: one copy of React, Kysely… shared with the Remix build
      outdir: WORKER_BUNDLE_DIR, entryNames: "[name]-[hash]", chunkNames: "chunk-[hash]", outExtension: { ".js": ".mjs" },
      write: false, logLevel: "silent",
    });
    fs.mkdirSync(WORKER_BUNDLE_DIR, { recursive: true });
    const current = new Set<string>();
    for (const file of result.outputFiles) {
      current.add(file.path);
      if (fs.existsSync(file.path)) continue; // same name, same content
      const temporary = `${file.path}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, file.contents);
      fs.renameSync(temporary, file.path);
    }
    // Older bundles: left a day for the workers of a server still running them (a restarted worker reads its entry again).
    for (const name of fs.readdirSync(WORKER_BUNDLE_DIR)) {
      const file = path.join(WORKER_BUNDLE_DIR, name);
      if (!current.has(file) && Date.now() - fs.statSync(file).mtimeMs > KEEP_OLD_MS) fs.rmSync(file, { force: true });
    }
    return result.outputFiles.map((f) => f.path).find((f) => path.basename(f).startsWith("serve-"));
  } catch (error) {
    console.error(`Could not bundle the workers' JavaScript (they run under tsx instead): ${(error as Error).message}`);
    return undefined;
  }
}
