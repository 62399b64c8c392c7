// The member the app found behind a request's session cookie (app/accounts/session.server.ts, once per request), so
// the request log (scripts/lib/request-log.ts) need not read the session row a second time. Kept on globalThis:
// the server build and scripts/ each load their own copy of this module, and both must see the same entries.
const KEY = Symbol.for("council.requestMember");
const seen: WeakMap<Request, number | null> = ((globalThis as Record<symbol, unknown>)[KEY] ??= new WeakMap()) as WeakMap<Request, number | null>;

/** Records who the request's session belongs to (null: no live session). */
export function noteRequestMember(request: Request, personId: number | null): void {
  seen.set(request, personId);
}

/** The member the app found for this request; undefined when the app never looked at its session. */
export function requestMember(request: Request): number | null | undefined {
  return seen.get(request);
}
