// WORKERS=2: the production server under Node's cluster module, on its own demo database and a free port. Here (not
// in vitest) because it serves the production build, which npm test makes after vitest. No browser: plain HTTP.
// Each response says which worker answered (X-Council-Worker).
import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort } from "../../scripts/lib/free-port";
import { requestOnNewConnection, workerOf } from "./new-connection";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { createSession } from "../../app/accounts/session.server";
import { openDb } from "../../app/platform/db.server";

process.env.COUNCIL_MODE ??= "demo";

let dir: string;
let server: ChildProcess;
let output = "";
let base: string;
let databasePath: string;
let smtpPort: number;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-workers-"));
  databasePath = path.join(dir, "council.db");
  const port = await freePort();
  smtpPort = await freePort();
  base = `http://localhost:${port}`;
  const env: Record<string, string | undefined> = { ...process.env, WORKERS: "2", PORT: String(port), DATABASE_PATH: databasePath, COUNCIL_MODE: "demo", LOG_LEVEL: "info", INBOUND_SMTP_PORT: String(smtpPort) };
  delete env.NODE_ENV;
  // As `npm run serve` runs it: scripts/launch.mjs, the primary without the tsx loader too.
  server = spawn(process.execPath, ["--max-old-space-size=256", "scripts/launch.mjs", "scripts/serve.ts"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d) => (output += d));
  server.stderr!.on("data", (d) => (output += d));
  await expect.poll(() => output, { timeout: 90_000 }).toContain("with 2 workers");
});

test.afterAll(async () => {
  if (server.exitCode === null) server.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

async function sessionCookie(email: string) {
  const db = openDb(databasePath);
  try {
    const person = await db.selectFrom("people").select("id").where("email_normalized", "=", email).executeTakeFirstOrThrow();
    const { token } = await createSession(db, person.id, 30);
    return { id: person.id, cookie: `council_session=${token}` };
  } finally {
    await db.destroy();
  }
}

/** One request to this test's server on a new connection. */
const request = (url: string, options?: Parameters<typeof requestOnNewConnection>[1]) => requestOnNewConnection(base + url, options);
const get = (url: string, cookie: string) => request(url, { headers: { cookie } });

test("WORKERS=2 serves the demo from two processes, and a member revoked through one is signed out on the other", async () => {
  const member = await sessionCookie("member@demo.council");
  const founder = await sessionCookie("founder@demo.council");

  // Signed in on both workers.
  const seen = new Set<string>();
  for (let i = 0; i < 20 && seen.size < 2; i++) {
    const response = await get("/members", member.cookie);
    expect(response.status).toBe(200);
    expect(response.body).toContain("Sign out");
    seen.add(workerOf(response)!);
  }
  expect([...seen].sort()).toEqual(["1", "2"]);

  // The founder revokes the member through one worker.
  const revoke = await request(`/admin/members/${member.id}`, {
    method: "POST",
    headers: { cookie: founder.cookie, origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ rule: "conduct", reason: "Repeated personal attacks on other members.", intent: "confirm" }).toString(),
  });
  expect(revoke.status).toBe(302);
  expect(revoke.headers.location).toContain("revoked=1");
  const revokedBy = workerOf(revoke)!;

  // The member's next requests, on either worker, are signed out; at least one is answered by the other worker.
  const after = new Set<string>();
  for (let i = 0; i < 20 && !(after.size === 2 && after.has(revokedBy)); i++) {
    const response = await get("/members", member.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.location).toMatch(/^\/login/);
    after.add(workerOf(response)!);
  }
  expect([...after].filter((w) => w !== revokedBy).length).toBeGreaterThan(0);
});

/** The first line of the inbound SMTP listener (reply by email), which one worker (the one with the duties) runs. */
function smtpGreeting(): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(smtpPort, "127.0.0.1");
    socket.setEncoding("utf8").once("data", (line) => {
      socket.end("QUIT\r\n");
      resolve(String(line));
    });
    socket.once("error", reject);
  });
}

/** The worker with the scheduled work, as the primary logs it when it forks one. */
const dutiesWorkers = () => output.split("\n").filter((l) => l.includes("this worker runs the scheduled work")).map((l) => JSON.parse(l) as { worker: number; workerPid: number });

test("a light primary: it and the workers run bundled JavaScript without tsx, and one worker has the scheduled work", async () => {
  const primary = fs.readFileSync(`/proc/${server.pid}/cmdline`, "utf8");
  expect(primary.split("\0")).toContain("scripts/serve.ts"); // what server-lock.ts recognises a live server by
  expect(primary).not.toContain("tsx");
  const all = fs.readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, "utf8").trim().split(/\s+/).map(Number)
    .map((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0"));
  const children = all.filter((argv) => argv.some((a) => /build\/workers\/serve-\w+\.mjs$/.test(a)));
  expect(children).toHaveLength(2);
  expect(all).toHaveLength(2); // no bundling or preparation child left, no esbuild service
  for (const argv of children) expect(argv.join(" ")).not.toContain("tsx");
  expect(dutiesWorkers().map((w) => w.worker)).toEqual([1]);
  expect(await smtpGreeting()).toMatch(/^220 /);
});

test("a worker that dies is restarted and logged, the scheduled work moves to its replacement; SIGTERM stops every process and releases the database", async () => {
  test.setTimeout(60_000);
  const [duties] = dutiesWorkers();
  process.kill(duties!.workerPid, "SIGKILL");
  await expect.poll(() => output, { timeout: 10_000 }).toContain("worker stopped unexpectedly; starting another");
  // A third worker (ids count up) joins, serves, and has the scheduled work now (the SMTP listener answers again).
  await expect.poll(() => dutiesWorkers().map((w) => w.worker).join(","), { timeout: 10_000 }).toBe("1,3");
  const founder = await sessionCookie("founder@demo.council");
  await expect.poll(async () => {
    const workers = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const response = await get("/", founder.cookie).catch(() => null);
      if (response?.status === 200) workers.add(workerOf(response)!);
    }
    return [...workers].sort().join(",");
  }, { timeout: 30_000 }).toBe("2,3");
  await expect.poll(() => smtpGreeting().catch(() => ""), { timeout: 10_000 }).toMatch(/^220 /);

  expect(fs.existsSync(`${databasePath}.server.pid`)).toBe(true);
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  server.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(output).toContain("stopped: every worker stopped, WAL checkpointed");
  expect(fs.existsSync(`${databasePath}.server.pid`)).toBe(false);
});
