// One JSON line per request (pino-http): method, route pattern, status, duration, request id (also sent as
// X-Request-Id) and the member id when the request carries a live session. Never the URL (it can hold
// tokens: /invite/<token>, /appeal/<token>; and search text), a cookie, a header, a form field or a body.
import Database from "better-sqlite3";
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import pino, { type DestinationStream, type Logger } from "pino";
import { pinoHttp } from "pino-http";

/** JSON lines on stdout (or `destination`, for tests). Errors carry their stack under `err`. */
export { createLogger } from "./logger";

/** Remix's route table as a matcher: `/threads/42` → `/threads/:id`, `/threads/42.data` (single fetch) too. */
export function routePatternMatcher(build: Pick<ServerBuild, "routes">): (pathname: string) => string {
  const children = new Map<string | undefined, AgnosticRouteObject[]>([[undefined, []]]);
  for (const id of Object.keys(build.routes)) children.set(id, []);
  for (const [id, route] of Object.entries(build.routes)) {
    const object: AgnosticRouteObject = route.index ? { id, index: true, path: route.path } : { id, path: route.path, children: children.get(id) };
    children.get(route.parentId)!.push(object);
  }
  const tree = children.get(undefined)!;
  // matchRoutes flattens, ranks and compiles the whole table on every call (Remix does the same work again for the
  // page itself), so each path's pattern is remembered; the table never changes while the server runs.
  const known = new Map<string, string>();
  const match = (page: string) => {
    const matches = matchRoutes(tree, page);
    if (!matches) return "(none)";
    const parts = matches.map((m) => m.route.path).filter((p): p is string => Boolean(p));
    return "/" + parts.join("/").replace(/^\/+/, "");
  };
  return (pathname) => {
    if (pathname.startsWith("/assets/")) return "/assets/*";
    if (pathname === "/healthz") return "/healthz";
    const page = pathname === "/_root.data" ? "/" : pathname.replace(/\.data$/, "");
    let pattern = known.get(page);
    if (pattern === undefined) {
      pattern = match(page);
      if (known.size >= 5_000) known.clear();
      known.set(page, pattern);
    }
    return pattern;
  };
}

/** The member behind a session cookie, read from the sessions table (the token's SHA-256 is the row id). */
export function sessionMemberLookup(databasePath: string) {
  let statement: Database.Statement | undefined;
  let sqlite: Database.Database | undefined;
  return {
    memberId(cookieHeader: string | undefined): number | undefined {
      const token = /(?:^|;\s*)council_session=([^;]+)/.exec(cookieHeader ?? "")?.[1];
      if (!token) return undefined;
      try {
        sqlite ??= new Database(databasePath, { readonly: true, fileMustExist: true });
        statement ??= sqlite.prepare("SELECT person_id FROM sessions WHERE id = ? AND expires_at > ?");
        const id = crypto.createHash("sha256").update(token).digest("hex");
        return (statement.get(id, new Date().toISOString()) as { person_id: number } | undefined)?.person_id;
      } catch {
        return undefined; // the log line goes out without it
      }
    },
    close() {
      sqlite?.close();
      sqlite = undefined;
      statement = undefined;
    },
  };
}

/** What the app found (null: no live session); a static file, /healthz or a page that never looked reads the cookie. */
function memberOf(req: IncomingMessage, res: ServerResponse, lookup: (cookie: string | undefined) => number | undefined) {
  const seen = (res as ServerResponse & { locals?: { memberId?: number | null } }).locals?.memberId;
  return seen === undefined ? lookup(req.headers.cookie) : seen ?? undefined;
}

const INCOMING_ID = /^[A-Za-z0-9._-]{8,100}$/;

export function requestLogger(logger: Logger, routePattern: (pathname: string) => string, memberId: (cookie: string | undefined) => number | undefined) {
  const line = (req: IncomingMessage, res: ServerResponse, responseTime: number) => ({
    method: req.method,
    route: routePattern((req.url ?? "/").split("?")[0]),
    status: res.statusCode,
    durationMs: responseTime,
    // The member the app already found for this request (scripts/lib/remix-handler.ts), else read from the cookie.
    memberId: memberOf(req, res, memberId),
  });
  return pinoHttp({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: "requestId" },
    // A proxy's id is kept (so its log and ours agree); otherwise a fresh one. Sent back as X-Request-Id.
    genReqId(req, res) {
      const incoming = req.headers["x-request-id"];
      const id = typeof incoming === "string" && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : "info"),
    customSuccessMessage: () => "request",
    customErrorMessage: () => "request failed",
    customSuccessObject: (req, res, value: { responseTime: number }) => line(req, res, value.responseTime),
    customErrorObject: (req, res, _error, value: { responseTime: number }) => line(req, res, value.responseTime),
  });
}
