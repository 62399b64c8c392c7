// Signed, stateless tokens for links that must work without signing in (e.g. unsubscribe).
// token = "<personId>.<base64url HMAC-SHA256(APP_SECRET, purpose + ':' + personId)>". The purpose is
// part of what is signed, so a token made for one purpose never works for another, and the person id
// is signed, so a token for one person can never act on another.
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "./env.server";

export type TokenPurpose = "digest-unsubscribe";

function signature(purpose: TokenPurpose, personId: number, secret: string): Buffer {
  return createHmac("sha256", secret).update(`${purpose}:${personId}`).digest();
}

export function signPersonToken(purpose: TokenPurpose, personId: number, secret = getEnv().appSecret): string {
  return `${personId}.${signature(purpose, personId, secret).toString("base64url")}`;
}

/** The person id the token was signed for, or null when it is malformed or tampered with. */
export function verifyPersonToken(purpose: TokenPurpose, token: string, secret = getEnv().appSecret): number | null {
  const match = /^([1-9]\d{0,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const personId = Number(match[1]);
  const given = Buffer.from(match[2]!, "base64url");
  const expected = signature(purpose, personId, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return personId;
}
