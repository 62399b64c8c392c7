import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { getDb } from "~/platform/db.server";
import { clearSessionCookie, getSession, invalidateAllSessions, invalidateSession, requireMember } from "~/accounts/session.server";
import { readFormData } from "~/platform/http.server";

export const meta: MetaFunction = () => [{ title: "Sign out · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMember(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  // Signing out never fails: a bare POST (no form at all) signs out of this browser.
  const form = await readFormData(request).catch(() => null);
  const everywhere = form?.get("everywhere") === "1";
  if (session) {
    if (everywhere) await invalidateAllSessions(getDb(), session.actor.id);
    else await invalidateSession(getDb(), session.sessionId);
  }
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export default function Logout() {
  return (
    <section className="narrow card stack">
      <h1>Sign out</h1>
      <Form method="post"><button type="submit">Sign out of this browser</button></Form>
      <Form method="post">
        <input type="hidden" name="everywhere" value="1" />
        <button type="submit" className="secondary">Sign out everywhere</button>
        <p className="muted">Ends every session you have, on every device, at once.</p>
      </Form>
    </section>
  );
}
