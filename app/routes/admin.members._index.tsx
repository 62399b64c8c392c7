import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "~/forum/framework";
import { load } from "~/platform/http.server";
import { listPeopleForAdmin } from "~/membership/revocation.server";
import { requirePermission } from "~/accounts/session.server";

export const meta: MetaFunction = () => [{ title: "Members (staff) · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "revoke_membership");
  return { people: await load(() => listPeopleForAdmin(getDb(), actor)) };
}

export default function AdminMembers() {
  const { people } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Members</h1>
      <p className="muted">For moderators and founders. Open a member to revoke their membership, citing a rule.</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
        <table>
          <thead><tr><th>Name</th><th>Role</th><th>Member type</th><th>Status</th></tr></thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td><Link to={`/admin/members/${p.id}`}>{p.name}</Link><br /><span className="meta">{p.email}</span></td>
                <td>{p.title}, {p.company}<br /><span className="meta">{ROLE_LEVEL_LABELS[p.role_level]}</span></td>
                <td>{MEMBER_TYPE_LABELS[p.member_type]}</td>
                <td><span className="status">{p.status}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
