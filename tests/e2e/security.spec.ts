// Regression tests for the security probe (issue 13) against the real HTTP server and browser.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { freePort } from "../../scripts/lib/free-port";
import os from "node:os";
import path from "node:path";
import { baseUrl, DEMO_PASSWORD, expect, signInAs, test } from "./fixtures";

const PHISH = "/login?redirectTo=/%09/evil.example/phish";

async function signInThroughForm(page: import("@playwright/test").Page, email: string) {
  await page.goto(PHISH);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "The Social Business Framework" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(baseUrl);
  expect(new URL(page.url()).pathname).toBe("/");
}

test.describe("finding 2: sign-in never sends the browser to another site", () => {
  test("through the form, with JavaScript", async ({ page }) => {
    await signInThroughForm(page, "member@demo.council");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("through the form", async ({ page }) => {
      await signInThroughForm(page, "consultant@demo.council");
    });
  });

  test("a visitor already signed in", async ({ page }) => {
    await signInAs(page, "member@demo.council");
    const response = await page.goto(PHISH);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).origin).toBe(baseUrl);
    await expect(page.getByRole("heading", { name: "The Social Business Framework" })).toBeVisible();
  });

  test("the Location header stays on the site", async ({ request }) => {
    const response = await request.post("/login", {
      form: { email: "cmo@demo.council", password: DEMO_PASSWORD, redirectTo: "/\t/evil.example/phish" },
      headers: { Origin: baseUrl },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe("/");
  });
});

test.describe("finding 4: malformed requests to the real server", () => {
  for (const [label, headers, body] of [
    ["JSON", { "Content-Type": "application/json" }, "{\"email\":\"a@b.example\"}"],
    ["plain text", { "Content-Type": "text/plain" }, "email=a"],
    ["broken multipart", { "Content-Type": "multipart/form-data; boundary=xyz" }, "--xyz\r\nbroken"],
  ] as const) {
    test(`a ${label} POST to /login is a 400 page`, async ({ request }) => {
      const response = await request.post("/login", { headers: { ...headers, Origin: baseUrl }, data: body, maxRedirects: 0 });
      expect(response.status()).toBe(400);
      expect(await response.text()).toContain("could not read that form");
    });
  }

  test("redirectTo with a line break is a normal redirect", async ({ page }) => {
    await signInAs(page, "member@demo.council");
    const response = await page.request.get("/login?redirectTo=/threads%0d%0aSet-Cookie:%20x=1", { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe("/threadsSet-Cookie:%20x=1");
  });

  test("a bare POST to /logout signs out", async ({ page }) => {
    await signInAs(page, "member@demo.council");
    const response = await page.request.post("/logout", { headers: { Origin: baseUrl }, maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect((await page.request.get("/notifications", { maxRedirects: 0 })).status()).toBe(302);
  });
});

test.describe("finding 6: the CSRF check compares the whole origin; unused methods are refused", () => {
  for (const origin of [baseUrl.replace("http:", "https:"), baseUrl.replace(/:\d+$/, ":1"), "http://evil.example"]) {
    test(`a form POSTed with Origin ${origin} is refused`, async ({ request }) => {
      const response = await request.post("/login", { form: { email: "member@demo.council", password: DEMO_PASSWORD }, headers: { Origin: origin }, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(response.headers()["set-cookie"]).toBeUndefined();
    });
  }

  for (const method of ["PUT", "PATCH", "DELETE"]) {
    test(`${method} is refused outright`, async ({ request }) => {
      const response = await request.fetch("/logout", { method, headers: { Origin: baseUrl } });
      expect(response.status()).toBe(405);
      expect(response.headers().allow).toBe("GET, HEAD, POST");
    });
  }
});

test.describe("finding 8: security headers everywhere, signed-in pages not cached", () => {
  const expectSecurityHeaders = (headers: Record<string, string>) => {
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  };

  test("on the build's assets, which stay cacheable", async ({ request }) => {
    const html = await (await request.get("/login")).text();
    const asset = /\/assets\/[\w.-]+\.(?:js|css)/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const response = await request.get(asset!);
    expect(response.status()).toBe(200);
    expectSecurityHeaders(response.headers());
    expect(response.headers()["cache-control"]).toContain("immutable");
  });

  test("on pages; a signed-in page is private and never stored", async ({ page }) => {
    const anonymous = await page.request.get("/login");
    expectSecurityHeaders(anonymous.headers());
    expect(anonymous.headers()["cache-control"] ?? "").not.toContain("no-store");
    await signInAs(page, "member@demo.council");
    const signedIn = await page.goto("/");
    expectSecurityHeaders(signedIn!.headers());
    expect(signedIn!.headers()["cache-control"]).toBe("private, no-store");
  });
});

// A server of its own, started as `npm run serve` starts it (heap capped at 256 MB), so a crash here cannot
// take the other journeys' server with it. Its port is one the system reports free, and the test waits
// for that server's own "running at" line, so it never talks to another process's server by mistake.
test.describe("finding 1: an oversized body is refused and the server keeps serving", () => {
  // Seeding a fresh demo (argon2 hashes) and pushing 50 MB take a while on a busy machine.
  test.describe.configure({ timeout: 120_000 });
  let port: number;
  let origin: string;
  let server: ChildProcess;
  let dir: string;
  let log: string;

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(120_000);
    port = await freePort();
    origin = `http://localhost:${port}`;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-body-limit-"));
    log = path.join(dir, "server.log");
    server = spawn(process.execPath, ["--max-old-space-size=256", "--import", "tsx", "scripts/serve.ts", "--fresh-demo"], {
      env: { ...process.env, PORT: String(port), DATABASE_PATH: path.join(dir, "council.db"), COUNCIL_MODE: "demo", NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const record = (chunk: Buffer) => {
      output += chunk.toString();
      fs.appendFileSync(log, chunk);
    };
    server.stdout!.on("data", record);
    server.stderr!.on("data", record);
    await new Promise<void>((resolve, reject) => {
      const check = () => { if (output.includes(`running in demo mode at ${origin}`)) resolve(); };
      server.stdout!.on("data", check);
      server.once("exit", (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
    });
  });
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach("server.log", { path: log });
  });
  test.afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGKILL");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const fifty = Buffer.alloc(50 * 1024 * 1024, "a");
  for (const [what, chunked] of [["with its Content-Length", false], ["streamed without a length", true]] as const) {
    for (const target of ["/login", "/apply"]) {
      test(`50 MB to ${target}, ${what}`, async () => {
        const answer = await post(port, target, fifty, chunked, origin);
        expect(answer.status).toBe(413);
        expect(answer.body).toContain("too large");
        expect(await get(`${origin}/login`)).toBe(200);
        expect(server.exitCode).toBeNull();
      });
    }
  }

  test("a normal form still goes through", async () => {
    const answer = await post(port, "/login", Buffer.from(`email=member%40demo.council&password=${DEMO_PASSWORD}`), false, origin);
    expect(answer.status).toBe(302);
  });
});

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    }).on("error", reject);
  });
}

/** POSTs `body` in 64 KB writes; the server may close the connection once it has answered. */
function post(port: number, target: string, body: Buffer, chunked: boolean, origin: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({
      port, path: target, method: "POST",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", ...(chunked ? {} : { "Content-Length": body.length }) },
    }, (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", (error) => { if (!answered) reject(error); });
    let offset = 0;
    const write = () => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + 65536);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}
