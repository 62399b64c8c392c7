// The security headers on every response, static files included (applied, with the CSP, by the one headers
// middleware in scripts/lib/content-security.ts). Pure, so its table test reads like the policy.

export type HeaderRequest = { path: string; signedIn: boolean };

/**
 * - no framing (X-Frame-Options), no MIME sniffing, the referrer only to this site, and a window of
 *   its own (Cross-Origin-Opener-Policy), for every response;
 * - a signed-in visitor's pages are never stored by the browser or a proxy (Cache-Control), except the
 *   fingerprinted build assets, which are the same for everyone.
 */
export function securityHeaders({ path, signedIn }: HeaderRequest): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (signedIn && !path.startsWith("/assets/")) headers["Cache-Control"] = "private, no-store";
  return headers;
}
