// Finding 8 of the security probe: the same security headers on every response, assets included, and
// signed-in pages never cached.
import { describe, expect, it } from "vitest";
import { addNonceToModulePreloads } from "../../app/entry.server";
import { securityHeaders } from "../../app/platform/security-headers";

const always = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
};

describe("securityHeaders", () => {
  it.each([
    ["a signed-in page", "/threads/3", true, "private, no-store"],
    ["a signed-in data request", "/threads/3?_data=routes%2Fthreads.%24id", true, "private, no-store"],
    ["an anonymous page", "/login", false, undefined],
    ["a build asset, signed in", "/assets/root-abc123.js", true, undefined],
    ["a build asset, anonymous", "/assets/root-abc123.js", false, undefined],
    ["another static file, signed in", "/favicon.ico", true, "private, no-store"],
  ] as const)("%s", (_label, path, signedIn, cacheControl) => {
    const headers = securityHeaders({ path, signedIn });
    expect(headers).toMatchObject(always);
    expect(headers["Cache-Control"]).toBe(cacheControl);
  });
});

describe("the nonce on Remix's module preloads (app/entry.server.tsx)", () => {
  it("is added to every preload in the finished document's bytes, leaving every other byte as it was", () => {
    const page = '<head><link rel="modulepreload" href="/a.js"/></head><p>Zoë’s “plan” — 🙂</p><link rel="modulepreload" href="/b.js"/>';
    const out = addNonceToModulePreloads(Buffer.from(page), "n0nce");
    expect(out.toString("utf8")).toBe(page.replaceAll('<link rel="modulepreload"', '<link nonce="n0nce" rel="modulepreload"'));
    expect(addNonceToModulePreloads(Buffer.from("<p>no preloads</p>"), "n0nce").toString("utf8")).toBe("<p>no preloads</p>");
  });
});
