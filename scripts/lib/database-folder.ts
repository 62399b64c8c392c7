// Is the folder of a database path a normal, writable place? Checked before anything opens or creates the file,
// by scripts/lib/database.ts and by the server's lock claim (which must stay light: no database code).
import fs from "node:fs";
import path from "node:path";
import { CliError } from "./cli";

/** How messages name the path: "DATABASE_PATH=./data/council.db" by default; a backup tool can say "backup file x.db". */
export type Named = { name?: string };
export const named = (file: string, options: Named) => options.name ?? `DATABASE_PATH=${file}`;
/** The advice that ends a refusal about DATABASE_PATH (none when the caller named the file itself). */
export const hint = (options: Named) => (options.name ? "" : " Set DATABASE_PATH to Council's database file (default ./data/council.db).");

// Kernel pseudo-filesystems (statfs magic numbers): proc, sysfs, devpts, cgroup, cgroup2, debugfs,
// tracefs, securityfs, bpf, pstore, configfs. A database there hangs or fails in odd ways.
const PSEUDO_FILESYSTEMS = new Set([0x9fa0, 0x62656572, 0x1cd1, 0x27e0eb, 0x63677270, 0x64626720, 0x74726163, 0x73636673, 0xcafe4a11, 0x6165676c, 0x62656570]);
const SYSTEM_FOLDERS = ["/proc", "/sys", "/dev"];
const isUnder = (dir: string, root: string) => dir === root || dir.startsWith(`${root}/`);

/**
 * Checks that the folder of `file` is a normal, writable directory (not /proc, /sys or /dev, not a
 * read-only mount) before anything opens the file. With `mayCreate`, a missing folder is fine when
 * its nearest existing ancestor passes (the caller will create it); without it, a missing folder
 * means there is no database. Throws a CliError; touches nothing.
 */
export function checkDatabaseFolder(file: string, options: Named & { mayCreate?: boolean } = {}): void {
  const what = named(file, options);
  let dir = path.dirname(path.resolve(file));
  while (!fs.existsSync(dir)) {
    if (!options.mayCreate) throw new CliError(`${what}: there is no Council database there (the folder ${dir} does not exist).${hint(options)}`);
    dir = path.dirname(dir);
  }
  const real = fs.realpathSync(dir);
  if (!fs.statSync(real).isDirectory()) throw new CliError(`${what}: ${dir} is not a folder.${hint(options)}`);
  const system = SYSTEM_FOLDERS.some((root) => isUnder(real, root)) && !isUnder(real, "/dev/shm");
  if (system || PSEUDO_FILESYSTEMS.has(Number(fs.statfsSync(real).type))) {
    throw new CliError(`${what}: ${real} is a system folder, not a place for a database.${hint(options)}`);
  }
  try {
    fs.accessSync(real, fs.constants.W_OK | fs.constants.X_OK);
  } catch (error) {
    throw new CliError(`${what}: the folder ${real} is not writable (${(error as NodeJS.ErrnoException).code}); SQLite needs to write beside the database.`);
  }
}

