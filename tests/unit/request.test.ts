import { describe, expect, it } from "vitest";
import { isAllowedMethod, isSameOriginRequest } from "../../app/platform/request.server";
import { safeRedirectPath } from "../../app/accounts/session.server";
import { parseEnv } from "../../app/platform/env.server";

const h = (init: Record<string, string>) => new Headers(init);

describe("CSRF origin check", () => {
  it.each([
    ["GET needs no origin", "GET", {}, true],
    ["POST from this site", "POST", { Origin: "https://council.example.com" }, true],
    ["POST with only a same-site Referer", "POST", { Referer: "https://council.example.com/login" }, true],
    ["POST from another site", "POST", { Origin: "https://evil.example" }, false],
    ["POST with no Origin or Referer", "POST", {}, false],
    ["POST with a null origin (sandboxed frame)", "POST", { Origin: "null" }, false],
    ["POST to the public URL behind a proxy", "POST", { Origin: "https://council.example.com" }, true],
    ["POST from the server's own host when it is not the public URL", "POST", { Origin: "http://localhost:3000" }, false],
    ["DELETE from another site", "DELETE", { Origin: "http://localhost:3001" }, false],
    // The whole origin counts: scheme, host and port.
    ["POST from the same host over the other scheme", "POST", { Origin: "http://council.example.com" }, false],
    ["POST from the same host on another port", "POST", { Origin: "https://council.example.com:8443" }, false],
    ["POST from a subdomain", "POST", { Origin: "https://evil.council.example.com" }, false],
    ["POST from a look-alike host", "POST", { Origin: "https://council.example.com.evil.example" }, false],
    ["POST with a Referer from the other scheme", "POST", { Referer: "http://council.example.com/login" }, false],
    ["POST with a malformed Origin", "POST", { Origin: "not a url" }, false],
  ] as const)("%s", (_label, method, headers, expected) => {
    expect(isSameOriginRequest(method, h(headers), "https://council.example.com")).toBe(expected);
  });

  it("an http site refuses an https Origin of the same host (the probe's case)", () => {
    expect(isSameOriginRequest("POST", h({ Origin: "https://localhost:3000" }), "http://localhost:3000")).toBe(false);
    expect(isSameOriginRequest("POST", h({ Origin: "http://localhost:3000" }), "http://localhost:3000")).toBe(true);
  });

  it.each([["GET", true], ["HEAD", true], ["POST", true], ["post", true], ["PUT", false], ["PATCH", false], ["DELETE", false], ["TRACE", false], ["OPTIONS", false]])(
    "method %s is answered: %s", (method, expected) => expect(isAllowedMethod(method)).toBe(expected));

  // RFC 8058: mail clients POST one-click unsubscribes cross-site; only that exact path is exempt.
  it.each([
    ["one-click unsubscribe from a mail client", "/unsubscribe/12.AbC-_9", true],
    ["one-click unsubscribe from one kind of notification email", "/unsubscribe/12.3.AbC-_9", true],
    ["too many ids", "/unsubscribe/12.3.4.AbC-_9", false],
    ["unsubscribe without a token", "/unsubscribe/", false],
    ["a path that only starts like it", "/unsubscribe/12.abc/../dashboard", false],
    ["the dashboard", "/dashboard", false],
    ["a prefix trick", "/unsubscribe-all/12.abc", false],
    ["nested under another path", "/x/unsubscribe/12.abc", false],
  ] as const)("cross-site POST to %s", (_label, path, expected) => {
    expect(isSameOriginRequest("POST", h({ Origin: "https://mail.example" }), "https://council.example.com", path)).toBe(expected);
  });
});

describe("safeRedirectPath", () => {
  it.each([
    ["/threads/3", "/threads/3"],
    ["/search?q=roi", "/search?q=roi"],
    ["/threads/3#post-2", "/threads/3#post-2"],
    ["https://evil.example", "/"],
    ["//evil.example", "/"],
    ["//evil", "/"],
    ["/\\evil.example", "/"],
    ["/\\/evil", "/"],
    // What searchParams.get() gives for ?redirectTo=/%09/evil.example/phish: browsers drop the tab.
    ["/\t/evil.example/phish", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["/ /evil.example", "/%20/evil.example"],
    ["http://localhost:3000/threads/3", "/"],
    ["https://localhost:3000/threads/3", "/"],
    ["javascript:alert(1)", "/"],
    [" /threads/3", "/"],
    // Still encoded (not yet decoded once): a harmless path on this site.
    ["/%09/evil.example", "/%09/evil.example"],
    // Control characters and non-ASCII come back encoded, so the Location header is always valid.
    ["/threads/3\u0000x", "/threads/3%00x"],
    ["/search?q=caf\u00e9", "/search?q=caf%C3%A9"],
    ["/threads/3\nSet-Cookie: x=1", "/threads/3Set-Cookie:%20x=1"],
    ["", "/"],
    [null, "/"],
  ])("%j → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});

describe("configuration", () => {
  it("demo mode runs with defaults", () => {
    const env = parseEnv({ COUNCIL_MODE: "demo" });
    expect(env).toMatchObject({ mode: "demo", databasePath: "./data/council.db", port: 3000, publicUrl: "http://localhost:3000" });
  });
  it("production refuses to start without PUBLIC_URL, APP_SECRET and TOTP_ENCRYPTION_KEY, naming each", () => {
    expect(() => parseEnv({ COUNCIL_MODE: "production" })).toThrow(/PUBLIC_URL is required[\s\S]*APP_SECRET is required[\s\S]*TOTP_ENCRYPTION_KEY is required/);
  });
  it("production starts with its required settings", () => {
    const env = parseEnv({ COUNCIL_MODE: "production", PUBLIC_URL: "https://council.example.com/", APP_SECRET: "x".repeat(40), PORT: "8080", TOTP_ENCRYPTION_KEY: "ab".repeat(32) });
    expect(env).toMatchObject({ mode: "production", publicUrl: "https://council.example.com", port: 8080 });
    expect(env.totpEncryptionKey).toEqual(Buffer.from("ab".repeat(32), "hex"));
  });
  it("TOTP_ENCRYPTION_KEY is 32 bytes, as 64 hex characters or base64", () => {
    const base64 = Buffer.alloc(32, 7).toString("base64");
    expect(parseEnv({ COUNCIL_MODE: "demo", TOTP_ENCRYPTION_KEY: base64 }).totpEncryptionKey).toEqual(Buffer.alloc(32, 7));
    expect(parseEnv({ COUNCIL_MODE: "demo" }).totpEncryptionKey).toHaveLength(32);
    for (const bad of ["ab".repeat(31), Buffer.alloc(16).toString("base64"), "not a key at all"]) {
      expect(() => parseEnv({ COUNCIL_MODE: "demo", TOTP_ENCRYPTION_KEY: bad })).toThrow(/TOTP_ENCRYPTION_KEY must be 32 random bytes/);
    }
  });
  it("an invalid port is a clear error", () => {
    expect(() => parseEnv({ COUNCIL_MODE: "demo", PORT: "eighty" })).toThrow(/PORT/);
  });
  it("request bodies are limited to 1 MB unless MAX_BODY_BYTES says otherwise, within 1 KB to 100 MB", () => {
    expect(parseEnv({ COUNCIL_MODE: "demo" }).maxBodyBytes).toBe(1024 * 1024);
    expect(parseEnv({ COUNCIL_MODE: "demo", MAX_BODY_BYTES: "4096" }).maxBodyBytes).toBe(4096);
    for (const bad of ["0", "10", "1e12", "lots"]) expect(() => parseEnv({ COUNCIL_MODE: "demo", MAX_BODY_BYTES: bad })).toThrow(/MAX_BODY_BYTES/);
  });
  it.each([
    ["SMTP_URL", "notaurl", "an smtp:// or smtps:// URL"],
    ["SMTP_URL", "https://mail.example.com", "an smtp:// or smtps:// URL"],
    ["PORT", "70000", "a whole number from 1 to 65535"],
    ["SESSION_DAYS", "0", "a whole number of days from 1 to 365"],
    ["TRUST_PROXY", "yes", "0 or 1"],
    ["COUNCIL_MODE", "staging", "demo or production"],
    ["PUBLIC_URL", "council.local", "the site's address"],
    ["APP_SECRET", "short", "at least 32 random characters"],
    ["TOTP_ENCRYPTION_KEY", "short", "32 random bytes as base64"],
  ])("%s=%s is one line naming the variable and what it expects, without its value", (name, value, expects) => {
    let message = "";
    try {
      parseEnv({ COUNCIL_MODE: "demo", [name]: value });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.startsWith(`Invalid configuration: ${name} must be `)).toBe(true);
    expect(message).toContain(expects);
    expect(message.split("\n")).toHaveLength(1);
    expect(message).not.toContain(value);
  });
  it("an empty SMTP_URL or PUBLIC_URL counts as unset; a valid SMTP_URL is kept", () => {
    expect(parseEnv({ COUNCIL_MODE: "demo", SMTP_URL: "", PUBLIC_URL: "" })).toMatchObject({ smtpUrl: undefined, publicUrl: "http://localhost:3000" });
    expect(parseEnv({ COUNCIL_MODE: "demo", SMTP_URL: "smtps://u:p@mail.example.com:465" }).smtpUrl).toBe("smtps://u:p@mail.example.com:465");
  });
});
