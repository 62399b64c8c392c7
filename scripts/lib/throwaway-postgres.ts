// A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder, a free local
// port, small memory (shared_buffers=64MB), no durability (fsync off: the data is thrown away), run as
// a non-root user (PostgreSQL refuses root: as root, the `postgres` user), stopped and deleted by stop()
// and on exit. When PostgreSQL is missing: as root, installs Debian's package with apt; otherwise
// throws with the exact command to run.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import fs from "node:fs";
import { freePort } from "./free-port";
import os from "node:os";
import path from "node:path";

export type ThrowawayPostgres = { url: string; port: number; stop: () => void };

export const INSTALL_COMMAND = "sudo apt-get update && sudo apt-get install -y postgresql";

const isRoot = () => process.getuid?.() === 0;

/** The folder holding initdb and pg_ctl: Debian's /usr/lib/postgresql/<newest>/bin, or PATH's. */
export function findPostgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) {
    const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  return which.status === 0 && which.stdout.trim() ? path.dirname(fs.realpathSync(which.stdout.trim())) : null;
}

function ensurePostgres(log: (line: string) => void): string {
  const found = findPostgresBin();
  if (found) return found;
  if (isRoot()) {
    log("PostgreSQL is missing; installing Debian's postgresql with apt (root)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    spawnSync("apt-get", ["install", "-y", "-qq", "postgresql"], { stdio: "inherit", env });
    const installed = findPostgresBin();
    if (installed) return installed;
  }
  throw new Error(`The PostgreSQL tests need PostgreSQL (initdb, pg_ctl). Install it with:\n  ${INSTALL_COMMAND}\nthen run the tests again.`);
}

/** Starts the server; `port` 0 (the default) picks a free one. */
export async function startThrowawayPostgres(options: { port?: number; log?: (line: string) => void; maxConnections?: number } = {}): Promise<ThrowawayPostgres> {
  const log = options.log ?? ((line) => console.log(line));
  const bin = ensurePostgres(log);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-pg-"));
  // As root, everything runs as the postgres user (Debian's package creates it), who must own the folder.
  const asUser = (cmd: string, args: string[]): [string, string[]] => (isRoot() ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args]);
  if (isRoot()) spawnSync("chown", ["postgres", dir]);
  const run = (cmd: string, args: string[], extra: SpawnSyncOptions = {}) => {
    const [c, a] = asUser(path.join(bin, cmd), args);
    return spawnSync(c, a, { encoding: "utf8", ...extra });
  };
  const data = path.join(dir, "data");
  let started = false;
  const stop = () => {
    if (started) run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    started = false;
    fs.rmSync(dir, { recursive: true, force: true });
    process.off("exit", stop);
  };
  process.on("exit", stop);
  try {
    const init = run("initdb", ["-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "-D", data]);
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
    const port = options.port || (await freePort());
    const settings = [
      `-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c shared_buffers=64MB", "-c fsync=off",
      "-c synchronous_commit=off", "-c full_page_writes=off", `-c max_connections=${options.maxConnections ?? 300}`,
    ].join(" ");
    const start = run("pg_ctl", ["-D", data, "-o", settings, "-l", path.join(dir, "log"), "-w", "-t", "60", "start"]);
    if (start.status !== 0) {
      const serverLog = fs.existsSync(path.join(dir, "log")) ? fs.readFileSync(path.join(dir, "log"), "utf8") : "";
      throw new Error(`PostgreSQL did not start: ${start.stderr || start.stdout}\n${serverLog}`);
    }
    started = true;
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
