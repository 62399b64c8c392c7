import { describe, expect, it } from "vitest";
import { checkTotp, generateTotpSecret, totpCodeAt, totpStep, totpUri } from "../../app/accounts/totp";

// RFC 6238 appendix B, SHA-1 key "12345678901234567890" (base32 below), 8 digits there; 6 digits are its last six.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const at = (seconds: number) => new Date(seconds * 1000);

describe("TOTP codes (RFC 6238)", () => {
  it.each([
    [59, "287082"], [1111111109, "081804"], [1111111111, "050471"], [1234567890, "005924"], [2000000000, "279037"],
  ])("at %i s the code is %s", (seconds, code) => {
    expect(totpCodeAt(RFC_SECRET, totpStep(at(seconds)))).toBe(code);
  });

  it("makes a 160-bit base32 secret and an otpauth address for the QR code", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpUri(secret, "priya@contoso.example")).toBe(`otpauth://totp/Council:priya%40contoso.example?secret=${secret}&issuer=Council&algorithm=SHA1&digits=6&period=30`);
  });
});

describe("the window and replay rules", () => {
  const now = at(1_800_000_015); // step 60,000,000, 15 s into it
  const step = totpStep(now);
  const code = (offset: number) => totpCodeAt(RFC_SECRET, step + offset);

  it.each([
    ["the current step", 0, null, { ok: true, step }],
    ["the step before (a slow phone clock)", -1, null, { ok: true, step: step - 1 }],
    ["the step after (a fast phone clock)", 1, null, { ok: true, step: step + 1 }],
    ["two steps before: outside the window", -2, null, { ok: false, reason: "wrong" }],
    ["two steps after: outside the window", 2, null, { ok: false, reason: "wrong" }],
    ["the same code again (its step was used)", 0, step, { ok: false, reason: "replayed" }],
    ["an older code after a newer one was used", -1, step, { ok: false, reason: "replayed" }],
    ["the next code after one was used", 1, step, { ok: true, step: step + 1 }],
  ] as const)("%s", (_label, offset, lastStep, expected) => {
    expect(checkTotp(RFC_SECRET, code(offset), now, lastStep)).toEqual(expected);
  });

  it.each([["12345"], ["1234567"], ["abcdef"], [""]])("refuses a malformed code %j", (typed) => {
    expect(checkTotp(RFC_SECRET, typed, now, null)).toEqual({ ok: false, reason: "malformed" });
  });

  it("accepts spaces typed inside a code", () => {
    const c = code(0);
    expect(checkTotp(RFC_SECRET, `${c.slice(0, 3)} ${c.slice(3)}`, now, null)).toEqual({ ok: true, step });
  });
});
