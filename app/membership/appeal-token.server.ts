// Appeal links: a revoked person can no longer sign in, so the link itself proves who they are.
// The token binds the person and the revocation (its audit row), signed like every stateless link.
import { getEnv } from "../platform/env.server";
import { signIds, verifyIds } from "../platform/signed-token.server";

export const createAppealToken = (personId: number, revocationAuditId: number, secret?: string) =>
  signIds("council-appeal", [personId, revocationAuditId], secret);

/** The person and revocation a token was issued for, or null when it is malformed or forged. */
export function verifyAppealToken(token: string, secret?: string): { personId: number; revocationAuditId: number } | null {
  const ids = verifyIds("council-appeal", token, 2, secret);
  return ids ? { personId: ids[0]!, revocationAuditId: ids[1]! } : null;
}

export const appealUrl = (personId: number, revocationAuditId: number) =>
  `${getEnv().publicUrl}/appeal/${createAppealToken(personId, revocationAuditId)}`;
