// Calling Remix loaders and actions directly, with real requests and real sessions, against a real
// test database (getDb() is pointed at it through globalThis.councilDb).
import type { Db } from "../../app/platform/db.server";
import type { Actor } from "../../app/accounts/permissions";
import { createSession } from "../../app/accounts/session.server";

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

/** Awaits a loader or action; a thrown Response or `data()` counts as its result, any other error is re-thrown. */
async function settle(thunk: () => unknown) {
  try {
    const value = await thunk();
    return { status: value instanceof Response ? value.status : ((value as { init?: { status?: number } })?.init?.status ?? 200), value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, value: thrown };
    const status = (thrown as { init?: { status?: number } })?.init?.status;
    if (status) return { status, value: thrown };
    throw thrown;
  }
}

/** Runs a loader or action; returns the HTTP status it produced (thrown or returned) and the value. */
export const call = (fn: unknown, req: Request, params: Record<string, string> = {}) =>
  settle(() => (fn as Handler)(routeArgs(req, params)));

/** The body of a `data()` result (what useActionData / useLoaderData would see). */
export const payload = <T = Record<string, unknown>>(value: unknown): T => ((value as { data?: T }).data ?? value) as T;

export type Outcome = { status: number; body: any; location: string | null };

/** Runs a loader or action (called by `thunk`): its status, a redirect's location, and the data a page would see. */
export async function run(thunk: () => unknown): Promise<Outcome> {
  const { status, value } = await settle(thunk);
  if (value instanceof Response) return { status, body: null, location: value.headers.get("Location") };
  return { status, body: payload<unknown>(value), location: null };
}

/** `run` for a loader or action and a request. */
export const callRoute = (fn: unknown, req: Request, params: Record<string, string> = {}) =>
  run(() => (fn as Handler)(routeArgs(req, params)));

/** A request from a signed-in person; a POST when `form` is given. */
export const signedInRequest = (db: Db, actor: Actor, path: string, form?: Record<string, string>) => request(db, path, actor, form);

export const routeArgs = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
