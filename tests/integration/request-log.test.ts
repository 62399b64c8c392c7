// The request log and the headers, through the server's own middleware (scripts/lib/operations.ts).
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, getSession, invalidateSession } from "../../app/accounts/session.server";
import { rememberRequestMember } from "../../scripts/lib/remix-handler";
import { useTestDbForRoutes } from "../helpers/routes";
import { parseEnv } from "../../app/platform/env.server";
import { operations } from "../../scripts/lib/operations";
import { routePatternMatcher } from "../../scripts/lib/request-log";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "../../app/platform/db.server";
import { migrateToLatest } from "../../db/migrate";
import { makeMember } from "../factories";
import type { Db } from "../../app/platform/db.server";

// The shape of Remix's route table in the server build.
const ROUTES = {
  root: { id: "root", path: "" },
  "routes/_index": { id: "routes/_index", parentId: "root", index: true },
  "routes/threads.$id": { id: "routes/threads.$id", parentId: "root", path: "threads/:id" },
  "routes/invite.$token": { id: "routes/invite.$token", parentId: "root", path: "invite/:token" },
  "routes/$": { id: "routes/$", parentId: "root", path: "*" },
};

const databasePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "council-log-")), "council.db");
let db: Db;
let base = "";
let server: ReturnType<express.Express["listen"]>;
let lines: Record<string, unknown>[] = [];
let raw = "";

function start(env: Record<string, string>) {
  const ops = operations(parseEnv({ COUNCIL_MODE: "demo", LOG_LEVEL: "info", ...env }), { routes: ROUTES as never }, {
    logDestination: new Writable({ write(chunk, _e, done) { raw += chunk; lines.push(...String(chunk).trim().split("\n").map((l) => JSON.parse(l))); done(); } }),
  });
  const app = express();
  app.use(ops.middleware);
  app.post("/invite/:token", express.urlencoded({ extended: false }), (_req, res) => { res.redirect(302, "/"); });
  // Like a Remix page that signs the member out: the app reads the session, then the session is gone.
  app.post("/logout", async (req, res) => {
    const request = new Request(`http://localhost${req.url}`, { method: "POST", headers: { cookie: req.headers.cookie ?? "" } });
    const session = await getSession(request);
    if (session) await invalidateSession(db, session.sessionId);
    rememberRequestMember(request, res);
    res.redirect(302, "/login");
  });
  app.get("/threads/:id", (req, res) => {
    ops.loadContext(req, res).logError?.(new Error("the database is on fire"));
    res.status(500).send("Something went wrong");
  });
  server = app.listen(0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  db = openDb(databasePath);
  await migrateToLatest(db);
  useTestDbForRoutes(db);
  start({ DATABASE_PATH: databasePath });
});
afterAll(async () => {
  server?.close();
  await db.destroy();
});

describe("routePatternMatcher", () => {
  const match = routePatternMatcher({ routes: ROUTES as never });
  it.each([
    ["/", "/"],
    ["/threads/42", "/threads/:id"],
    ["/threads/42.data", "/threads/:id"], // single fetch data requests
    ["/_root.data", "/"],
    ["/invite/abcdef0123456789", "/invite/:token"],
    ["/no/such/page", "/*"],
    ["/assets/root-abc123.js", "/assets/*"],
    ["/healthz", "/healthz"],
  ])("%s → %s", (path, pattern) => expect(match(path)).toBe(pattern));
});

describe("the request log", () => {
  it("writes one line per request: method, route pattern, status, duration, request id and member id, and no secrets", async () => {
    const member = await makeMember(db, { email: "logged@example.com" });
    const { token } = await createSession(db, member.id, 30);
    const response = await fetch(`${base}/invite/secret-invitation-token?q=private+search+words`, {
      method: "POST", redirect: "manual",
      headers: { Cookie: `council_session=${token}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "password=correct-horse-battery&body=a+private+message+text",
    });
    expect(response.status).toBe(302);
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const line = lines.find((l) => l.requestId === requestId)!;
    expect(line).toMatchObject({ level: 30, msg: "request", method: "POST", route: "/invite/:token", status: 302, memberId: member.id });
    expect(typeof line.durationMs).toBe("number");
    for (const secret of [token, "secret-invitation-token", "private", "correct-horse", "council_session", "cookie"]) {
      expect(raw.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });

  it("names the member the app found for the request, without reading the session again (here it is gone by the time of the log line)", async () => {
    const member = await makeMember(db, { email: "leaving@example.com" });
    const { token } = await createSession(db, member.id, 30);
    const response = await fetch(`${base}/logout`, { method: "POST", redirect: "manual", headers: { Cookie: `council_session=${token}` } });
    expect(response.status).toBe(302);
    expect(await db.selectFrom("sessions").where("person_id", "=", member.id).select("id").execute()).toEqual([]);
    const line = lines.find((l) => l.requestId === response.headers.get("x-request-id"))!;
    expect(line).toMatchObject({ method: "POST", status: 302, memberId: member.id });
  });

  it("has no member id without a live session, and keeps a proxy's request id", async () => {
    const response = await fetch(`${base}/healthz?ready`, { headers: { "X-Request-Id": "proxy-req-12345678", Cookie: "council_session=not-a-real-session" } });
    expect(response.headers.get("x-request-id")).toBe("proxy-req-12345678");
    const line = lines.find((l) => l.requestId === "proxy-req-12345678")!;
    expect(line).toMatchObject({ method: "GET", route: "/healthz", status: 200 });
    expect(line).not.toHaveProperty("memberId");
  });

  it("logs an unexpected error with its stack and the request id, on the server only", async () => {
    const response = await fetch(`${base}/threads/7`);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("on fire");
    const requestId = response.headers.get("x-request-id");
    const errorLine = lines.find((l) => l.requestId === requestId && l.msg === "unexpected error") as { err: { message: string; stack: string } };
    expect(errorLine.err.message).toBe("the database is on fire");
    expect(errorLine.err.stack).toContain("request-log.test.ts");
    expect(lines.find((l) => l.requestId === requestId && l.msg === "request failed")).toMatchObject({ level: 50, route: "/threads/:id", status: 500 });
  });

  it("LOG_LEVEL=warn keeps only the failures", async () => {
    server.close();
    lines = [];
    start({ DATABASE_PATH: databasePath, LOG_LEVEL: "warn" });
    await fetch(`${base}/healthz?ready`);
    await fetch(`${base}/threads/7`);
    expect(lines.map((l) => l.msg)).toEqual(["unexpected error", "request failed"]);
  });
});

describe("security headers", () => {
  it("production mode adds HSTS to the CSP and Permissions-Policy every mode sends", async () => {
    server.close();
    start({ DATABASE_PATH: databasePath, COUNCIL_MODE: "production", PUBLIC_URL: "https://council.example.com", APP_SECRET: "x".repeat(32), TOTP_ENCRYPTION_KEY: "ab".repeat(32) });
    const response = await fetch(`${base}/invite/abc`, { method: "POST", redirect: "manual" });
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'self'; script-src 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic';/);
    expect(response.headers.get("permissions-policy")).toContain("microphone=()");
  });
});
