import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { acceptInvitation, getInvitationByToken } from "~/membership/invitations.server";
import { sessionClient, startSession } from "~/accounts/session.server";
import { formatDate } from "~/platform/time";
import { acceptInvitationSchema, MIN_PASSWORD_LENGTH } from "~/membership/schemas/invitation";

export const meta: MetaFunction = () => [{ title: "Your invitation · Council" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await getInvitationByToken(getDb(), params.token ?? "");
  const status = invitation.state === "pending" ? 200 : invitation.state === "unknown" ? 404 : 410;
  return data(invitation, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const parsed = parseForm(acceptInvitationSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const db = getDb();
    const personId = await acceptInvitation(db, { token: params.token ?? "", password: parsed.data.password });
    const headers = await startSession(db, personId, sessionClient(request));
    return redirect("/?welcome=1", { headers });
  });
}

const UNUSABLE = {
  unknown: ["We do not recognise this invitation link", "Check that you copied the whole link from the email. If it still does not work, reply to the invitation email."],
  expired: ["This invitation has expired", "Invitations are valid for 14 days. Reply to the invitation email and a founder will send you a new link."],
  accepted: ["This invitation has already been used", "If you accepted it, sign in with the password you chose."],
  revoked: ["This invitation was withdrawn", "A founder withdrew it. If you think this is a mistake, reply to the invitation email."],
} as const;

export default function AcceptInvitation() {
  const invitation = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  if (invitation.state !== "pending") {
    const [title, advice] = UNUSABLE[invitation.state];
    return (
      <section className="narrow">
        <h1>{title}</h1>
        <p>{advice}</p>
        <p><Link to="/login">Sign in</Link> · <Link to="/apply">Request an invitation</Link></p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>Welcome to Council, {invitation.name}</h1>
      <p>This invitation is for <strong>{invitation.email}</strong> and is valid until {formatDate(invitation.expiresAt)}. Choose a password to join.</p>
      <Form method="post" className="card" noValidate>
        <FormError message={failure?.formError} />
        <input type="email" name="username" value={invitation.email} autoComplete="username" readOnly hidden />
        <Field name="password" label="Password" type="password" autoComplete="new-password" required hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={failure?.fieldErrors.password} />
        <Field name="passwordConfirm" label="Password again" type="password" autoComplete="new-password" required error={failure?.fieldErrors.passwordConfirm} />
        <button type="submit">Join the council</button>
      </Form>
    </section>
  );
}
