// The real server process under a signal: SIGTERM lets a request in flight finish; kill -9 under reply load
// loses no acknowledged reply. These tests start their own servers (ports E2E_PORT+1 and +2) on their own
// databases, and drive them over HTTP; no browser.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { openDb } from "../../app/platform/db.server";
import { createSession } from "../../app/accounts/session.server";
import { E2E_PORT } from "../../playwright.config";

process.env.COUNCIL_MODE ??= "demo";
const ROOT = path.resolve(import.meta.dirname, "../..");

type Server = { process: ChildProcess; output: () => string; exited: Promise<number | null> };

async function startServer(port: number, databasePath: string, options: { fresh?: boolean } = {}): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", ...(options.fresh ? ["--fresh-demo"] : [])], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: String(port), DATABASE_PATH: databasePath, COUNCIL_MODE: "demo", NODE_ENV: "test",
      BACKUP_DIR: path.join(path.dirname(databasePath), "backups"), LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${output}`);
    const ok = await fetch(`http://localhost:${port}/healthz?ready`).then((r) => r.ok, () => false);
    if (ok) return { process: child, output: () => output, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`The server did not become ready:\n${output}`);
}

async function waitFor(condition: () => boolean, what: string) {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!condition()) throw new Error(`Timed out waiting for ${what}`);
}

test.describe("the server process", () => {
  test.describe.configure({ mode: "serial" });

  test("restore is refused while it serves; SIGTERM: stops accepting, lets a request in flight finish, checkpoints the WAL and exits 0", async () => {
    test.setTimeout(120_000);
    const port = E2E_PORT + 1;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-sigterm-"));
    const databasePath = path.join(dir, "council.db");
    const server = await startServer(port, databasePath, { fresh: true });
    expect(JSON.parse(fs.readFileSync(`${databasePath}.server.pid`, "utf8")).pid).toBe(server.process.pid);

    // While it serves: a backup can be taken, and a restore is refused, saying how to stop the server.
    const env = { ...process.env, DATABASE_PATH: databasePath };
    const backup = spawnSync(process.execPath, ["--import", "tsx", "scripts/backup.ts", "--out", path.join(dir, "copy.db")], { cwd: ROOT, env, encoding: "utf8" });
    expect(backup.status, backup.stderr).toBe(0);
    const restore = spawnSync(process.execPath, ["--import", "tsx", "scripts/restore.ts", path.join(dir, "copy.db")], { cwd: ROOT, env, encoding: "utf8" });
    expect(restore.status).toBe(1);
    expect(restore.stderr.trim()).toBe(`Not restored: a Council server (pid ${server.process.pid}, port ${port}) is using ${databasePath}. ` +
      `Stop it first (systemctl stop council, or kill -TERM ${server.process.pid}: it finishes the requests in flight and exits), then run the restore again.`);

    // A sign-in whose body is still arriving when the signal comes: the request is in flight.
    const body = new URLSearchParams({ email: "member@demo.council", password: "council-demo", redirectTo: "/" }).toString();
    const socket = net.connect(port, "127.0.0.1");
    let response = "";
    socket.on("data", (d) => (response += d));
    const closed = new Promise((resolve) => socket.once("close", resolve));
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      `POST /login HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: http://localhost:${port}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 500)); // let the server read the headers (the log line below proves it did)

    server.process.kill("SIGTERM");
    await waitFor(() => server.output().includes("stopping:"), "the server to start stopping");
    expect(server.output()).toContain("waiting for 1 request(s) in flight");
    // New connections are refused from now on.
    const refused = await fetch(`http://localhost:${port}/healthz?ready`).then(() => false, () => true);
    expect(refused).toBe(true);

    socket.write(body.slice(10));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 302 Found/);
    expect(response).toMatch(/Set-Cookie: council_session=/i);
    expect(response).toMatch(/Connection: close/i);
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("stopped: WAL checkpointed, database closed");
    expect(fs.existsSync(`${databasePath}-wal`) ? fs.statSync(`${databasePath}-wal`).size : 0).toBe(0);
    expect(fs.existsSync(`${databasePath}.server.pid`)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("kill -9 under reply load: every acknowledged reply survives, and the database passes integrity_check", async () => {
    test.setTimeout(300_000);
    const ROUNDS = 3;
    const ACKS_BEFORE_KILL = 25;
    const WORKERS = 6;
    const port = E2E_PORT + 2;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-crash-"));
    const databasePath = path.join(dir, "council.db");
    let server = await startServer(port, databasePath, { fresh: true });

    // Sessions for established demo members, and a council-wide thread to reply to.
    const db = openDb(databasePath);
    const members = await db.selectFrom("people").select("id").where("status", "=", "active")
      .where("joined_at", "<", new Date(Date.now() - 8 * 86_400_000).toISOString()).orderBy("id").execute();
    const tokens = await Promise.all(members.map(async (m) => (await createSession(db, m.id, 30)).token));
    const thread = await db.selectFrom("threads").select("id").where("chapter_id", "is", null).where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
    await db.destroy();
    expect(tokens.length).toBeGreaterThanOrEqual(WORKERS);

    const acknowledged: string[] = [];
    const figures: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      let stop = false;
      let sent = 0;
      const roundAcks: string[] = [];
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const marker = `crash-${round}-${w}-${i}`;
          sent++;
          const response = await fetch(`http://localhost:${port}/threads/${thread.id}`, {
            method: "POST", redirect: "manual",
            headers: { Cookie: `council_session=${tokens[(w + round * WORKERS) % tokens.length]}`, Origin: `http://localhost:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ intent: "post", body: `In our measurement programme the second quarter showed the same pattern (${marker}).` }).toString(),
          }).catch(() => null); // the connection dies with the server: not acknowledged
          if (!response) return;
          if (response.status === 302 && response.headers.get("location")?.includes("#post-")) {
            roundAcks.push(marker);
            if (roundAcks.length === ACKS_BEFORE_KILL) {
              stop = true;
              server.process.kill("SIGKILL"); // mid-load: the other workers have requests in flight
            }
          } else if (!stop) {
            throw new Error(`Reply refused with ${response.status}: ${(await response.text()).slice(0, 300)}`);
          }
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
      await server.exited;
      acknowledged.push(...roundAcks);

      // Restart on the same file (the stale pid file must not stop it), then look for every acknowledged reply.
      server = await startServer(port, databasePath);
      const check = new Database(databasePath, { readonly: true });
      const integrity = check.pragma("integrity_check", { simple: true });
      const bodies = new Set((check.prepare("SELECT body_markdown FROM posts WHERE body_markdown LIKE '%(crash-%'").all() as { body_markdown: string }[])
        .map((p) => /\((crash-[\d-]+)\)/.exec(p.body_markdown)![1]));
      check.close();
      expect(integrity).toBe("ok");
      const missing = acknowledged.filter((m) => !bodies.has(m));
      expect(missing, `acknowledged replies missing after kill -9 round ${round}`).toEqual([]);
      figures.push(`round ${round}: ${sent} sent, ${roundAcks.length} acknowledged, ${bodies.size - (acknowledged.length - roundAcks.length)} found after restart`);

      // The council's own posting limit (20 an hour) would refuse the next round's replies: this test's database.
      const reset = new Database(databasePath);
      reset.prepare("DELETE FROM rate_limit_events").run();
      reset.close();
    }
    console.log(`kill -9: ${ROUNDS} rounds, ${acknowledged.length} replies acknowledged, all found. ${figures.join("; ")}`);
    server.process.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
