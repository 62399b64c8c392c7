import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/accounts/session.server";

export const meta: MetaFunction = () => [{ title: "Your account · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage_own_account");
  return {};
}

const DONE: Record<string, string> = {
  "password-reset": "Your new password is set. You are signed in here, and signed out everywhere else.",
};

/** The one index of a member's own settings (the header links to the email settings, which link here). */
export default function Settings() {
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  return (
    <section className="narrow">
      <h1>Your account</h1>
      {done ? <p className="notice" role="status">{done}</p> : null}
      <ul className="settings-index">
        <li><Link to="/settings/profile">Profile and job</Link> — your name, bio and profile link; your title, company and role level, which the eligibility policy reads.</li>
        <li><Link to="/settings/account">Password and email</Link> — change your password (every other session is signed out) or your email address (confirmed from the new address).</li>
        <li><Link to="/settings/security">Sign-in and security</Link> — two-factor sign-in with an authenticator app and recovery codes.</li>
        <li><Link to="/settings/data">Your data</Link> — download everything you wrote and your profile as JSON.</li>
        <li><Link to="/settings/email">Email settings</Link> — how often you get the council digest.</li>
        <li><Link to="/settings/resign">Resign</Link> — leave the council; what you wrote stays, shown as a former member's.</li>
      </ul>
    </section>
  );
}
