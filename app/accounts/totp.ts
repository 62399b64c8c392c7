// Time-based one-time codes (RFC 6238): 6 digits, 30-second steps, the step before and after
// accepted for clock drift, and no code accepted twice: a step at or before the last one used is a
// replay. Pure (the caller keeps the last step); the HOTP arithmetic is @oslojs/otp's.
import { generateHOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now, for a phone whose clock is a little off. */
export const TOTP_WINDOW = 1;

export const totpStep = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** A new 160-bit key, as the base32 text an authenticator app accepts. */
export function generateTotpSecret(): string {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return encodeBase32UpperCaseNoPadding(key);
}

const keyOf = (secret: string) => decodeBase32IgnorePadding(secret.toUpperCase());

/** The code for one step (what an authenticator shows then). */
export const totpCodeAt = (secret: string, step: number) => generateHOTP(keyOf(secret), BigInt(step), TOTP_DIGITS);

/** The otpauth:// address the QR code holds. */
export function totpUri(secret: string, account: string, issuer = "Council") {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_PERIOD_SECONDS}`;
}

function sameCode(a: string, b: string) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "malformed" | "wrong" | "replayed" };

/**
 * Checks a typed code at `now` against the steps in the window (every candidate is compared, in
 * constant time). A match at a step no later than `lastStep` is a replay and is refused.
 */
export function checkTotp(secret: string, typed: string, now: Date, lastStep: number | null): TotpCheck {
  const code = typed.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "malformed" };
  const current = totpStep(now);
  let matched: number | null = null;
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    if (sameCode(totpCodeAt(secret, step), code) && matched === null) matched = step;
  }
  if (matched === null) return { ok: false, reason: "wrong" };
  if (lastStep !== null && matched <= lastStep) return { ok: false, reason: "replayed" };
  return { ok: true, step: matched };
}
