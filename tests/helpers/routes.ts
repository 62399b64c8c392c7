// Calling Remix loaders and actions directly in integration tests, with a real session cookie.
import type { Db } from "../../app/lib/db.server";
import type { Actor } from "../../app/lib/permissions";
import { createSession } from "../../app/lib/session.server";

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
