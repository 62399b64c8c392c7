// Calling Remix loaders and actions as Remix does: a Request carrying a real session cookie, against
// the test database (getDb() reads globalThis.councilDb). Returns the status, redirect and data.
import type { Db } from "../../app/lib/db.server";
import type { Actor } from "../../app/lib/permissions";
import { createSession } from "../../app/lib/session.server";

/** Points the app's connection at this test database. */
export function useTestDbForRoutes(db: Db) {
  (globalThis as unknown as { councilDb?: Db }).councilDb = db;
}

export async function routeRequest(db: Db, path: string, actor: Actor | null, form?: Record<string, string>) {
  const headers = new Headers();
  if (actor) headers.set("Cookie", `council_session=${(await createSession(db, actor.id, 30)).token}`);
  return new Request(`http://localhost${path}`, form ? { method: "POST", headers, body: new URLSearchParams(form) } : { headers });
}

/** Runs a loader or action; whatever it returned or threw comes back as a status, location and data. */
export async function callRoute(fn: (args: never) => unknown, request: Request, params: Record<string, string> = {}) {
  let out: unknown;
  try {
    out = await fn({ request, params, context: {} } as never);
  } catch (thrown) {
    out = thrown;
  }
  if (out instanceof Response) return { status: out.status, location: out.headers.get("Location"), data: null as unknown };
  if (out && typeof out === "object" && "type" in out && (out as { type: string }).type === "DataWithResponseInit") {
    const d = out as unknown as { data: unknown; init: { status?: number } | null };
    return { status: d.init?.status ?? 200, location: null, data: d.data };
  }
  return { status: 200, location: null, data: out };
}
