// Signed, stateless tokens for links that must work without signing in (unsubscribe, appeal), and the
// known-browser cookie (app/accounts/session.server.ts).
// token = "<id>.<id>….<base64url HMAC-SHA256(APP_SECRET, purpose + ':' + ids joined by ':')>". The
// purpose is part of what is signed, so a token made for one purpose never works for another, and the
// ids (the person first) are signed, so a token for one person can never act on another. Not secret
// data, only unforgeable.
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "./env.server";

export type TokenPurpose = "digest-unsubscribe" | "council-appeal" | "known-browser" | "two-factor-sign-in";

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
