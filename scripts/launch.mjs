// npm start / npm run serve: `node scripts/launch.mjs scripts/start.ts|scripts/serve.ts [options]` runs that TypeScript
// entry as plain JavaScript, in this process, without the tsx loader (whose hooks thread costs a long-lived process
// ~34 MB). A short-lived child bundles the entry with esbuild (scripts/lib/bundle.mjs, the same function as the
// cluster workers' bundle) into .cache/launch/ (two folders deep, like scripts/lib/, so paths made from
// import.meta.dirname there still point at the project; not under build/, which npm start's build empties); this process then imports the bundle, with process.argv as
// if the entry had been run itself. If bundling fails, the line says why and the entry runs under tsx as before.
// The command line keeps the entry's name (scripts/start.ts, scripts/serve.ts): scripts/lib/server-lock.ts recognises
// a live server by it.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");
const LAUNCH_DIR = path.join(ROOT, ".cache", "launch");

const entry = process.argv[2];
if (!entry || !/\.ts$/.test(entry)) {
  console.error("Usage: node scripts/launch.mjs scripts/<entry>.ts [options of the entry]");
  process.exit(2);
}
const source = path.resolve(entry);
process.argv.splice(1, 2, source); // [node, the entry, its options]: the entry reads process.argv.slice(2)

const made = spawnSync(process.execPath, [path.join(import.meta.dirname, "lib", "bundle.mjs"), source, LAUNCH_DIR], {
  stdio: ["ignore", "pipe", "pipe"], encoding: "utf8",
});
const bundled = made.status === 0 ? made.stdout.trim() : "";
if (bundled) {
  await import(pathToFileURL(bundled).href);
} else {
  const why = (made.stderr || made.error?.message || `exit code ${made.status}`).trim().split("\n")[0];
  console.error(`Could not bundle ${path.relative(ROOT, source)} (it runs under tsx instead): ${why}`);
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(source).href);
}
