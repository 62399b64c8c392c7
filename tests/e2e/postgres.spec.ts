// A smoke journey on PostgreSQL: its own throwaway PostgreSQL server (scripts/lib/throwaway-postgres.ts)
// and its own Council server (the production build, WORKERS=2, DATABASE_URL set, on a free port),
// which migrates and seeds the demo council there at start. Sign in through the form, read the
// framework and a thread, reply, and find the reply by search; the session holds on both workers.
import { spawn, type ChildProcess } from "node:child_process";
import { Client } from "pg";
import { DEMO_PASSWORD, expect, test } from "./fixtures";
import { freePort } from "../../scripts/lib/free-port";
import { requestOnNewConnection, workerOf } from "./new-connection";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/lib/throwaway-postgres";

let postgres: ThrowawayPostgres | undefined;
let server: ChildProcess | undefined;
let origin = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  postgres = await startThrowawayPostgres({ log: () => {}, maxConnections: 50 });
  const admin = new Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query("CREATE DATABASE council");
  await admin.end();
  const port = await freePort();
  origin = `http://localhost:${port}`;
  server = spawn("node", ["--import", "tsx", "scripts/serve.ts"], {
    detached: true, stdio: "ignore",
    env: { ...process.env, PORT: String(port), PUBLIC_URL: origin, COUNCIL_MODE: "demo", NODE_ENV: "test", WORKERS: "2", DATABASE_URL: postgres.url.replace(/\/postgres$/, "/council") },
  });
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${origin}/healthz?ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The Council server on PostgreSQL did not become ready");
});

test.afterAll(async () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch { /* already gone */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  postgres?.stop();
});

test("on PostgreSQL: a member signs in, reads, replies and finds the reply by search", async ({ page }) => {
  const health = await (await fetch(`${origin}/healthz`)).json();
  expect(health.checks.database).toMatchObject({ ok: true, engine: "postgres" });
  await page.goto(`${origin}/login`);
  await page.getByLabel("Work email").fill("member@demo.council");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "The Social Business Framework" })).toBeVisible();
  await page.goto(`${origin}/search?q=customer+care`);
  const first = page.getByRole("main").getByRole("listitem").first();
  await expect(first.locator("mark").first()).toBeVisible();
  await first.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/threads\/\d+/);
  await page.getByLabel("Your reply").fill("On PostgreSQL too, quarterly cadence reviews kept our escalation paths honest.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByText("On PostgreSQL too, quarterly cadence reviews").last()).toBeVisible();
  await page.goto(`${origin}/search?q=cadence+escalation`);
  await expect(page.getByRole("main").getByText("escalation", { exact: false }).first()).toBeVisible();
  await expect(page.getByRole("main").locator("mark").first()).toBeVisible();

  // The same session on both workers: each request on a new connection (the cluster hands out connections).
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const seen = new Set<string>();
  for (let i = 0; i < 20 && seen.size < 2; i++) {
    const answer = await requestOnNewConnection(`${origin}/messages`, { headers: { cookie } });
    expect(answer.status, `worker ${workerOf(answer)} answered`).toBe(200);
    seen.add(workerOf(answer));
  }
  expect(seen.size).toBe(2);
});
