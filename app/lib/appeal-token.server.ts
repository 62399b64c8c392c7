// Appeal links: a revoked person can no longer sign in, so the link itself proves who they are.
// The token binds the person and the revocation (its audit row) and is signed with APP_SECRET
// (HMAC-SHA256); it is not secret data, only unforgeable.
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "./env.server";

function sign(personId: number, revocationAuditId: number, secret: string): string {
  return createHmac("sha256", secret).update(`council-appeal:${personId}:${revocationAuditId}`).digest("base64url");
}

export function createAppealToken(personId: number, revocationAuditId: number, secret = getEnv().appSecret): string {
  return `${personId}.${revocationAuditId}.${sign(personId, revocationAuditId, secret)}`;
}

/** The person and revocation a token was issued for, or null when it is malformed or forged. */
export function verifyAppealToken(token: string, secret = getEnv().appSecret): { personId: number; revocationAuditId: number } | null {
  const match = /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const personId = Number(match[1]);
  const revocationAuditId = Number(match[2]);
  const expected = Buffer.from(sign(personId, revocationAuditId, secret));
  const given = Buffer.from(match[3]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { personId, revocationAuditId } : null;
}

export const appealUrl = (personId: number, revocationAuditId: number) =>
  `${getEnv().publicUrl}/appeal/${createAppealToken(personId, revocationAuditId)}`;
