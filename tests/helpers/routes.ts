// Calling Remix loaders and actions directly, with real requests and real sessions, against a real
// test database (getDb() is pointed at it through globalThis.councilDb).
import type { Db } from "../../app/lib/db.server";
import type { Actor } from "../../app/lib/permissions";
import { createSession } from "../../app/lib/session.server";

/** Points the app's getDb() at this test database. */
export function useTestDbForRoutes(db: Db) {
  (globalThis as unknown as { councilDb?: Db }).councilDb = db;
}

/** A GET (or, with a form, a POST) request signed in as `who` (anonymous when null). */
export async function request(db: Db, path: string, who: Actor | null, form?: Record<string, string>) {
  const headers = new Headers();
  if (who) headers.set("Cookie", `council_session=${(await createSession(db, who.id, 30)).token}`);
  const init: RequestInit = { headers };
  if (form) {
    init.method = "POST";
    init.body = new URLSearchParams(form);
  }
  return new Request(`http://localhost:3000${path}`, init);
}

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => unknown;
/** Runs a loader or action; returns the HTTP status it produced (thrown or returned) and the value. */
export async function call(fn: unknown, req: Request, params: Record<string, string> = {}) {
  try {
    const value = await (fn as Handler)({ request: req, params, context: {} });
    return { status: value instanceof Response ? value.status : ((value as { init?: { status?: number } })?.init?.status ?? 200), value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, value: thrown };
    const status = (thrown as { init?: { status?: number } })?.init?.status;
    if (status) return { status, value: thrown };
    throw thrown;
  }
}

/** The body of a `data()` result (what useActionData / useLoaderData would see). */
export const payload = <T = Record<string, unknown>>(value: unknown): T => ((value as { data?: T }).data ?? value) as T;

/** `call`, with a redirect's location and the returned data unwrapped: { status, location, data }. */
export async function callRoute(fn: unknown, req: Request, params: Record<string, string> = {}) {
  const { status, value } = await call(fn, req, params);
  if (value instanceof Response) return { status, location: value.headers.get("Location"), data: null as unknown };
  return { status, location: null, data: payload<unknown>(value) };
}

// The same, in the shape the governance route tests use.
export type Outcome = { status: number; body: any; location?: string | null };

/** Runs a loader or action and normalises what it returned or threw. */
export async function run(fn: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await fn();
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, body: null, location: result.headers.get("Location") };
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const d = result as { data: unknown; init: { status?: number } | null };
    return { status: d.init?.status ?? 200, body: d.data };
  }
  return { status: 200, body: result };
}

/** A request from a signed-in person; a POST when `form` is given. */
export async function signedInRequest(db: Db, actor: Actor, path: string, form?: Record<string, string>) {
  const { token } = await createSession(db, actor.id, 30);
  const init: RequestInit = { headers: { Cookie: `council_session=${token}` } };
  if (form) Object.assign(init, { method: "POST", body: new URLSearchParams(form) });
  return new Request(`http://localhost${path}`, init);
}

export const routeArgs = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
