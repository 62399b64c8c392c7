// Signed, stateless tokens for links that must work without signing in (unsubscribe, appeal), and the
// known-browser cookie (app/accounts/session.server.ts).
// token = "<id>.<id>….<base64url HMAC-SHA256(APP_SECRET, purpose + ':' + ids joined by ':')>". The
// purpose is part of what is signed, so a token made for one purpose never works for another, and the
// ids (the person first) are signed, so a token for one person can never act on another. Not secret
// data, only unforgeable.
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "./env.server";

export type TokenPurpose =
  | "digest-unsubscribe" | "council-appeal" | "known-browser" | "two-factor-sign-in"
  | "notify-unsubscribe" // [person, kind index]: one-click unsubscribe from one kind of notification email
  | "reply-thread" | "reply-conversation"; // [person, thread or conversation]: a reply-by-email address

function signature(purpose: TokenPurpose, ids: number[], secret: string): Buffer {
  return createHmac("sha256", secret).update(`${purpose}:${ids.join(":")}`).digest();
}

export function signIds(purpose: TokenPurpose, ids: number[], secret = getEnv().appSecret): string {
  return `${ids.join(".")}.${signature(purpose, ids, secret).toString("base64url")}`;
}

/** The ids the token was signed for (as many as `count`), or null when it is malformed or tampered with. */
export function verifyIds(purpose: TokenPurpose, token: string, count: number, secret = getEnv().appSecret): number[] | null {
  const parts = token.split(".");
  if (parts.length !== count + 1 || !parts.slice(0, count).every((p) => /^[1-9]\d{0,14}$/.test(p))) return null;
  if (!/^[A-Za-z0-9_-]{43}$/.test(parts[count]!)) return null;
  const ids = parts.slice(0, count).map(Number);
  const given = Buffer.from(parts[count]!, "base64url");
  const expected = signature(purpose, ids, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? ids : null;
}

export const signPersonToken = (purpose: TokenPurpose, personId: number, secret?: string) => signIds(purpose, [personId], secret);

/** The person id the token was signed for, or null. */
export const verifyPersonToken = (purpose: TokenPurpose, token: string, secret?: string): number | null =>
  verifyIds(purpose, token, 1, secret)?.[0] ?? null;

/**
 * The same signature in lowercase hex, cut to 128 bits, for the local part of an email address: mail
 * servers may change the case of an address, so base64url could be mangled on the way back.
 */
export function signIdsForAddress(purpose: TokenPurpose, ids: number[], secret = getEnv().appSecret): string {
  return `${ids.join(".")}.${signature(purpose, ids, secret).subarray(0, 16).toString("hex")}`;
}

/** The ids of an address token (any case), or null when it is malformed or forged. */
export function verifyIdsForAddress(purpose: TokenPurpose, token: string, count: number, secret = getEnv().appSecret): number[] | null {
  const parts = token.toLowerCase().split(".");
  if (parts.length !== count + 1 || !parts.slice(0, count).every((p) => /^[1-9]\d{0,14}$/.test(p))) return null;
  if (!/^[0-9a-f]{32}$/.test(parts[count]!)) return null;
  const ids = parts.slice(0, count).map(Number);
  const given = Buffer.from(parts[count]!, "hex");
  const expected = signature(purpose, ids, secret).subarray(0, 16);
  return timingSafeEqual(given, expected) ? ids : null;
}
