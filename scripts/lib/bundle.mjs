// Plain JavaScript (no TypeScript, so it runs without the tsx loader): bundles one of Council's TypeScript entries
// with esbuild (npm packages left as imports: one copy of React, Kysely… shared with the Remix build; splitting, so
// dynamically imported modules stay out of memory until imported) into `<outdir>/<name>-<hash>.mjs` and chunks.
// Used for the cluster workers' entry (worker-bundle.ts, build/workers/) and by scripts/launch.mjs for the long-lived
// process of `npm start` / `npm run serve` (.cache/launch/). The output folder must be two folders deep, like
// scripts/lib/, so paths made from import.meta.dirname in scripts/lib/ still point at the project. Files are named by
// content hash and written atomically: two servers starting from one checkout never see a half-written file, and a
// running server keeps its files. A file of this build is touched when reused; files no build has written or reused
// for a day are removed.
//
// Run as a script (`node scripts/lib/bundle.mjs <entry.ts> <outdir>`) it prints the bundled entry's path and exits:
// scripts/launch.mjs bundles in such a short-lived child, because esbuild 0.17's JavaScript API keeps a service
// process running for as long as the process that loaded it.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const KEEP_OLD_MS = 24 * 60 * 60 * 1000;

/**
 * Bundles `entry` (a .ts file) into `outdir`; returns the bundled entry's path. Throws when esbuild fails.
 * @param {string} entry
 * @param {string} outdir
 * @returns {Promise<string>}
 */
export async function bundleEntry(entry, outdir) {
  const esbuild = await import("esbuild");
  const name = path.basename(entry).replace(/\.[cm]?tsx?$/, "");
  const result = await esbuild.build({
    entryPoints: { [name]: path.resolve(entry) },
    bundle: true, splitting: true, format: "esm", platform: "node", target: "node20",
    packages: "external",
    outdir, entryNames: "[name]-[hash]", chunkNames: "chunk-[hash]", outExtension: { ".js": ".mjs" },
    write: false, logLevel: "silent",
  });
  fs.mkdirSync(outdir, { recursive: true });
  const current = new Set();
  const now = new Date();
  for (const file of result.outputFiles) {
    current.add(file.path);
    if (fs.existsSync(file.path)) {
      fs.utimesSync(file.path, now, now); // same name, same content: in use again, so not removed as old
      continue;
    }
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
  }
  // Older bundles: left a day for a server still running them (a restarted worker reads its entry again).
  for (const other of fs.readdirSync(outdir)) {
    const file = path.join(outdir, other);
    try {
      if (!current.has(file) && Date.now() - fs.statSync(file).mtimeMs > KEEP_OLD_MS) fs.rmSync(file, { force: true });
    } catch {
      // removed meanwhile by another start
    }
  }
  const bundled = result.outputFiles.map((f) => f.path).find((f) => path.basename(f).startsWith(`${name}-`));
  if (!bundled) throw new Error(`esbuild wrote no ${name}-<hash>.mjs`);
  return bundled;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [entry, outdir] = process.argv.slice(2);
  try {
    if (!entry || !outdir) throw new Error("usage: node scripts/lib/bundle.mjs <entry.ts> <outdir>");
    process.stdout.write(`${await bundleEntry(entry, outdir)}\n`);
    process.exit(0); // esbuild's service would keep this process alive
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
