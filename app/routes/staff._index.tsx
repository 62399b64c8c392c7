import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server";
import { requireMember } from "~/accounts/session.server";
import { getStaffHome } from "~/moderation/staff-home.server";
import { load } from "~/platform/http.server";

export const meta: MetaFunction = () => [{ title: "Staff · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return load(() => getStaffHome(getDb(), actor));
}

export default function StaffHome() {
  const { attention, tools } = useLoaderData<typeof loader>();
  const waiting = attention.filter((a) => a.urgent).length;
  return (
    <>
      <h1>Staff</h1>
      <p className="muted">{waiting ? "What needs your attention now." : "Nothing is waiting on you right now."}</p>
      <section aria-labelledby="attention-title">
        <h2 id="attention-title" className="visually-hidden">Needs attention</h2>
        <ul className="attention">
          {attention.map((a) => (
            <li key={a.key} className={a.urgent ? "urgent" : undefined}>
              <Link to={a.to}>
                <span className="count">{a.count}</span> <span className="label">{a.label}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="tools-title">
        <h2 id="tools-title">Staff tools</h2>
        <ul className="tool-list">
          {tools.map((t) => <li key={t.to}><Link to={t.to}>{t.label}</Link></li>)}
        </ul>
      </section>
    </>
  );
}
