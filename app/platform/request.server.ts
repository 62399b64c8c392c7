import { getEnv } from "./env.server";

/** The client's IP: the socket address, or X-Forwarded-For's first hop when behind a trusted proxy. */
export function clientIp(request: Request): string {
  if (getEnv().trustProxy) {
    const forwarded = request.headers.get("X-Forwarded-For");
    if (forwarded) return forwarded.split(",")[0]!.trim();
  }
  return request.headers.get("X-Council-Remote-Addr") ?? "unknown";
}

/** The only methods Council answers: its pages are read with GET (HEAD) and its forms POST. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;
export const isAllowedMethod = (method: string) => (ALLOWED_METHODS as readonly string[]).includes(method.toUpperCase());

/**
 * CSRF defence for every state-changing request: the browser's Origin (or, failing that, Referer)
 * must be this site, the whole origin — scheme, host and port — of PUBLIC_URL. Session cookies are
 * also SameSite=Lax; this check covers the rest.
 */
export function isSameOriginRequest(method: string, headers: Headers, publicUrl: string, path = ""): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return true;
  if (isOneClickUnsubscribe(path)) return true;
  const source = headers.get("Origin") ?? headers.get("Referer");
  if (!source || source === "null") return false;
  try {
    return new URL(source).origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

/**
 * The one exemption from the origin check: RFC 8058 one-click unsubscribe. Mail clients POST
 * "List-Unsubscribe=One-Click" to the List-Unsubscribe URL from their own servers or pages, so the
 * request is cross-site by design. It is safe: the signed token in the path is the authority (no
 * session cookie is used), and it can only ever unsubscribe the person it was made for. Exactly
 * `/unsubscribe/<id>.<signature>` (or `<id>.<kind>.<signature>` for a notification email); nothing else is exempt.
 */
export function isOneClickUnsubscribe(path: string): boolean {
  // The digest's token names a person; a notification email's, a person and a kind.
  return /^\/unsubscribe\/\d+(\.\d+)?\.[A-Za-z0-9_-]+$/.test(path);
}
