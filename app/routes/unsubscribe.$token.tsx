import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server";
import { findUnsubscribeTarget, unsubscribeWithToken } from "~/governance/digest.server";

// One-click unsubscribe (RFC 8058), without signing in: the signed token is the authority.
// GET only shows a confirmation button (link scanners prefetch GETs); POST unsubscribes. Mail clients
// POST "List-Unsubscribe=One-Click" cross-site, so scripts/serve.ts exempts exactly this path from the
// CSRF origin check (see isOneClickUnsubscribe in app/platform/request.server.ts).
export const meta: MetaFunction = () => [{ title: "Unsubscribe · Council" }, { name: "robots", content: "noindex" }];

const INVALID = "This unsubscribe link is not valid. It may have been copied incompletely or changed.";

export async function loader({ params }: LoaderFunctionArgs) {
  const target = await findUnsubscribeTarget(getDb(), params.token ?? "");
  if (!target) throw data({ message: INVALID }, { status: 400 });
  return { email: target.email, list: target.list, alreadyUnsubscribed: target.alreadyUnsubscribed };
}

export async function action({ params }: ActionFunctionArgs) {
  const done = await unsubscribeWithToken(getDb(), params.token ?? "");
  if (!done) throw data({ message: INVALID }, { status: 400 });
  return { unsubscribed: done.email, list: done.list };
}

export default function Unsubscribe() {
  const { email, list, alreadyUnsubscribed } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  if (done) {
    return (
      <section className="narrow card">
        <h1>You are unsubscribed</h1>
        <p role="status">{done.unsubscribed} will get no more {done.list}.</p>
        <p>Changed your mind? <Link to="/settings/email">Choose which emails you get</Link> (you will be asked to sign in).</p>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>Unsubscribe from {list}</h1>
      {alreadyUnsubscribed ? <p>{email} is already unsubscribed; nothing more will be sent.</p> : <p>Stop sending {list} to {email}?</p>}
      <Form method="post"><button type="submit">Unsubscribe</button></Form>
    </section>
  );
}

export function ErrorBoundary() {
  return (
    <section className="narrow card">
      <h1>This unsubscribe link does not work</h1>
      <p>{INVALID}</p>
      <p>To stop the digest, use the unsubscribe link in a recent digest, or sign in and <Link to="/settings/email">change your email settings</Link>.</p>
    </section>
  );
}
