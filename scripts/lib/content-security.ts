// Headers every response carries, in one middleware: the rules of app/platform/security-headers.ts, and a strict Content-Security-Policy with a fresh nonce per request (Remix's inline
// scripts carry it, see app/entry.server.tsx; 'strict-dynamic' lets the scripts they load run), a
// Permissions-Policy that turns off powerful features Council never uses, and HSTS in production mode.
import crypto from "node:crypto";
import type { RequestHandler } from "express";
import { sessionTokenFromCookies } from "../../app/accounts/session.server";
import { securityHeaders } from "../../app/platform/security-headers";

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'", // a few style="" attributes in server-rendered markup; no style elements
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), bluetooth=(), serial=(), hid=()";

/**
 * Every response's security headers, in one place: the pure rules of app/platform/security-headers.ts (framing,
 * sniffing, referrer, opener, no-store for signed-in pages), then the CSP with a fresh nonce (left in
 * res.locals.cspNonce for the Remix load context), Permissions-Policy, and HSTS in production mode.
 */
export function securityHeadersMiddleware(options: { production: boolean }): RequestHandler {
  return (req, res, next) => {
    res.set(securityHeaders({ path: req.path, signedIn: sessionTokenFromCookies(req.headers.cookie ?? "") !== null }));
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    // Browsers ignore HSTS over plain http, so it is only sent where the site is served over https.
    if (options.production) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    next();
  };
}
