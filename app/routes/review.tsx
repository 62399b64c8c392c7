import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listOpenApplications } from "~/lib/applications.server";
import { getDb } from "~/lib/db.server";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "~/lib/framework";
import { requirePermission } from "~/lib/session.server";
import { formatDate } from "~/lib/time";

export const meta: MetaFunction = () => [{ title: "Applications · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "review_applications");
  return { applications: await listOpenApplications(getDb()), now: new Date().toISOString() };
}

export default function Review() {
  const { applications, now } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Applications awaiting review</h1>
      <p className="muted">Oldest first. The policy decides; reviewers verify the facts.</p>
      {applications.length === 0 ? (
        <p>No applications are waiting. Well done.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead><tr><th>Applicant</th><th>Role</th><th>Member type</th><th>Applied</th><th>Decision due</th></tr></thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td><strong>{a.name}</strong><br /><span className="meta">{a.email} · {a.reference}</span></td>
                  <td>{a.title}, {a.company}<br /><span className="meta">{ROLE_LEVEL_LABELS[a.role_level]}{a.social_responsibility ? " · social responsibility" : ""}</span></td>
                  <td>{MEMBER_TYPE_LABELS[a.member_type]}</td>
                  <td>{formatDate(a.created_at)}</td>
                  <td>{formatDate(a.due_at)} {a.due_at < now ? <span className="status overdue">Overdue</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
