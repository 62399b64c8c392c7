import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { listInvitations, resendInvitation, revokeInvitation } from "~/membership/invitations.server";
import { requirePermission } from "~/accounts/session.server";
import { formatDate } from "~/platform/time";
import { invitationActionSchema } from "~/membership/schemas/invitation";

export const meta: MetaFunction = () => [{ title: "Invitations · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "issue_invitations");
  return load(async () => ({ invitations: await listInvitations(getDb(), actor) }));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "issue_invitations");
  const formData = await readFormData(request);
  const parsed = parseForm(invitationActionSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const { intent, id } = parsed.data;
  return runAction(formData, async () => {
    if (intent === "revoke") await revokeInvitation(getDb(), actor, id);
    else await resendInvitation(getDb(), actor, id);
    return redirect(`/invitations?done=${intent}`);
  });
}

const STATE = { pending: "Pending", expired: "Expired", accepted: "Accepted", revoked: "Revoked" } as const;

export default function Invitations() {
  const { invitations } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const confirmId = Number(params.get("confirm") ?? 0);
  const done = params.get("done");
  return (
    <>
      <h1>Invitations</h1>
      <p><Link to="/invitations/new" className="button">Invite someone directly</Link> <span className="muted">Direct invitations pass the same eligibility policy.</span></p>
      {done ? <p className="notice" role="status">{done === "revoke" ? "The invitation was withdrawn; its link no longer works." : "The invitation was sent again with a new link; the old link no longer works."}</p> : null}
      <FormError message={failure && "ok" in failure ? failure.formError : undefined} />
      {invitations.length === 0 ? <p>No invitations yet.</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
          <table>
            <thead><tr><th>For</th><th>State</th><th>Sent</th><th>Expires</th><th>Actions</th></tr></thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td><strong>{i.name}</strong><br /><span className="meta">{i.email} · {i.title}, {i.company}</span><br />
                    <span className="meta">{i.application_id ? "From an approved application" : `Direct, by ${i.invited_by_name ?? "a founder"}`} · policy v{i.policy_version}</span></td>
                  <td><span className={`status ${i.state === "accepted" ? "approved" : i.state === "pending" ? "" : "rejected"}`}>{STATE[i.state]}</span></td>
                  <td>{formatDate(i.sent_at)}</td>
                  <td>{formatDate(i.expires_at)}</td>
                  <td>
                    {i.state === "pending" || i.state === "expired" ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="id" value={i.id} />
                        <button type="submit" name="intent" value="resend" className="secondary">Re-send</button>
                      </Form>
                    ) : null}{" "}
                    {i.state === "pending" ? (
                      confirmId === i.id ? (
                        <Form method="post" className="inline-form" aria-label={`Confirm withdrawing the invitation for ${i.name}`}>
                          <input type="hidden" name="id" value={i.id} />
                          <span>Withdraw this invitation? Its link stops working. </span>
                          <button type="submit" name="intent" value="revoke" className="danger">Yes, withdraw</button>{" "}
                          <Link to="/invitations">Keep it</Link>
                        </Form>
                      ) : <Link to={`/invitations?confirm=${i.id}`}>Withdraw…</Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
