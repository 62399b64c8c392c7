// Screenshots of the main pages at a desktop and a phone width, in the light and the dark theme, for
// looking at before a change to the look and feel ships. Expects `npm run build`; serves a fresh demo
// database on its own port and writes PNGs to ./screenshots (git-ignored).
// Usage: npm run screenshots [-- --port 3199] [--only home,thread]
import { spawn } from "node:child_process";
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { openDb } from "../app/platform/db.server";
import { createSession } from "../app/accounts/session.server";

const port = Number(process.argv[process.argv.indexOf("--port") + 1] || 0) || 3199;
const database = "./data/screenshots.db";
const base = `http://localhost:${port}`;
const out = "screenshots";

const server = spawn("node_modules/.bin/tsx", ["scripts/serve.ts", "--fresh-demo"], {
  env: { ...process.env, PORT: String(port), DATABASE_PATH: database, COUNCIL_MODE: "demo", NODE_ENV: "test" }, stdio: "ignore",
});
try {
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/login`).then((r) => r.ok, () => false)) break;
    if (i > 120) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  const db = openDb(database);
  const idOf = async (email: string) => (await db.selectFrom("people").select("id").where("email_normalized", "=", email).executeTakeFirstOrThrow()).id;
  const thread = await db.selectFrom("threads").select("id").orderBy("id").executeTakeFirstOrThrow();
  const tokens: Record<string, string> = {};
  for (const email of ["member@demo.council", "moderator@demo.council", "founder@demo.council"]) tokens[email] = (await createSession(db, await idOf(email), 1)).token;
  await db.destroy();

  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]!.split(",") : null;
  const pages = ([
    ["home", "/", "member@demo.council"],
    ["thread", `/threads/${thread.id}`, "member@demo.council"],
    ["staff", "/staff", "founder@demo.council"],
    ["review-queue", "/moderation", "moderator@demo.council"],
    ["settings", "/settings/email", "member@demo.council"],
    ["login", "/login", null],
    ["menu-open", "/", "founder@demo.council"],
    ["thread-print", `/threads/${thread.id}`, "member@demo.council"],
  ] as [name: string, path: string, who: string | null][]).filter(([name]) => !only || only.includes(name));
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme });
      for (const [name, path, who] of pages) {
        await context.clearCookies();
        if (who) await context.addCookies([{ name: "council_session", value: tokens[who]!, domain: "localhost", path: "/" }]);
        const page = await context.newPage();
        await page.goto(base + path);
        if (name === "thread-print") await page.emulateMedia({ media: "print" });
        if (name === "menu-open" && width < 960) await page.getByText("Menu", { exact: true }).click();
        const file = `${out}/${name}-${width}-${colorScheme}.png`;
        await page.screenshot({ path: file, fullPage: true });
        await page.screenshot({ path: file.replace(".png", "-top.png") }); // the first screen, full size
        console.log(file);
        await page.close();
      }
      await context.close();
    }
  }
  await browser.close();
} finally {
  server.kill("SIGTERM");
}
