import { describe, expect, it } from "vitest";
import { isSealed, openSecret, sealSecret } from "../../app/platform/secret-box.server";

const key = Buffer.alloc(32, 1);
const otherKey = Buffer.alloc(32, 2);

describe("sealed secrets (AES-256-GCM under TOTP_ENCRYPTION_KEY)", () => {
  it("round-trips, with a fresh IV each time", () => {
    const a = sealSecret("JBSWY3DPEHPK3PXP", "totp:1", key);
    const b = sealSecret("JBSWY3DPEHPK3PXP", "totp:1", key);
    expect(a).not.toBe(b);
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(a, "totp:1", key)).toBe("JBSWY3DPEHPK3PXP");
  });
  it.each([
    ["another key", (s: string) => openSecret(s, "totp:1", otherKey)],
    ["another person's context", (s: string) => openSecret(s, "totp:2", key)],
    ["a changed byte", (s: string) => openSecret(s.slice(0, -2) + (s.endsWith("A") ? "BB" : "AA"), "totp:1", key)],
    ["a cut value", (s: string) => openSecret(s.slice(0, 10), "totp:1", key)],
  ])("refuses %s", (_label, open) => {
    expect(() => open(sealSecret("JBSWY3DPEHPK3PXP", "totp:1", key))).toThrow();
  });
  it("reads a value stored before encryption (no v1. prefix) as it is", () => {
    expect(isSealed("JBSWY3DPEHPK3PXP")).toBe(false);
    expect(openSecret("JBSWY3DPEHPK3PXP", "totp:1", key)).toBe("JBSWY3DPEHPK3PXP");
  });
});
