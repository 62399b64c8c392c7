// The server serves what public/ put in the client build by name, and hands every other path (pages) straight on.
import express from "express";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicFiles } from "../../scripts/lib/serving";

let base = "";
let close = () => {};
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-public-"));
  fs.writeFileSync(path.join(dir, "robots.txt"), "User-agent: *\nDisallow: /\n");
  fs.mkdirSync(path.join(dir, "img"));
  fs.writeFileSync(path.join(dir, "img", "logo.svg"), "<svg/>");
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "assets", "entry.js"), "console.log(1)");
  const app = express();
  app.use(publicFiles(dir));
  app.use((_req, res) => { res.type("text/plain").send("page"); });
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => { server.close(); fs.rmSync(dir, { recursive: true, force: true }); };
});
afterAll(() => close());

const get = async (p: string) => (await fetch(base + p)).text();

describe("public files", () => {
  it("serves public/'s files and folders by name", async () => {
    expect(await get("/robots.txt")).toContain("Disallow");
    expect(await get("/img/logo.svg")).toBe("<svg/>");
  });
  it("hands pages, missing names and the assets folder (served by its own route) on", async () => {
    expect(await get("/threads/1?page=2")).toBe("page");
    expect(await get("/")).toBe("page");
    expect(await get("/favicon.ico")).toBe("page");
    expect(await get("/assets/entry.js")).toBe("page");
  });
});
