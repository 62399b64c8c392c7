import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requirePermission } from "~/accounts/session.server";

export const meta: MetaFunction = () => [{ title: "Your data · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage_own_account");
  return {};
}

export default function YourData() {
  return (
    <section className="narrow">
      <p><Link to="/settings">← All account settings</Link></p>
      <h1>Your data</h1>
      <p>Download your profile and everything you wrote on Council — threads, replies (with their status), messages you sent,
        your votes on policy proposals, your email preferences and your job changes — as one JSON file. Other members' words are not included.</p>
      <p><a href="/settings/data.json" download>Download my data (JSON)</a></p>
      <h2>Leaving</h2>
      <p>You may <Link to="/settings/resign">resign from Council</Link> at any time; you confirm with your password on the next page.</p>
    </section>
  );
}
