import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { cancelGatheringIn, getGathering } from "~/governance/chapters.server";
import { getDb } from "~/platform/db.server";
import { load } from "~/platform/http.server";
import { requirePermission } from "~/accounts/session.server";
import { formatDateTime } from "~/platform/time";
import { idParam } from "~/platform/route-params";

export const meta: MetaFunction = () => [{ title: "Cancel gathering · Council" }];

// Cancelling asks first: this page is the confirmation, and it works without JavaScript.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  return load(() => getGathering(getDb(), actor, params.slug ?? "", idParam(params.id, "gathering")));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  return load(async () => {
    const chapter = await cancelGatheringIn(getDb(), actor, params.slug ?? "", idParam(params.id, "gathering"));
    return redirect(`/chapters/${chapter.slug}`);
  });
}

export default function CancelGathering() {
  const { chapter, gathering } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <p><Link to={`/chapters/${chapter.slug}`}>← {chapter.name} chapter</Link></p>
      <h1>Cancel “{gathering.title}”?</h1>
      {gathering.cancelled_at ? <p className="notice">This gathering is already cancelled.</p> : (
        <Form method="post" className="card stack">
          <p>{formatDateTime(gathering.starts_at)}{gathering.place ? ` · ${gathering.place}` : ""}</p>
          <p>Members who said they will attend will see it as cancelled. This cannot be undone.</p>
          <button type="submit" className="danger">Yes, cancel the gathering</button>
          <Link to={`/chapters/${chapter.slug}`}>No, keep it</Link>
        </Form>
      )}
    </section>
  );
}
