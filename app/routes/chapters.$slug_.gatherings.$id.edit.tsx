import { data, type LinksFunction, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GatheringForm } from "~/components/gathering-form";
import { getGathering, updateGatheringIn } from "~/governance/chapters.server";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { requirePermission } from "~/accounts/session.server";
import { idParam } from "~/platform/route-params";
import { gatheringSchema, toDateTimeLocal } from "~/governance/schemas/chapters";
import chaptersCss from "~/chapters.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: chaptersCss }];
export const meta: MetaFunction = () => [{ title: "Edit gathering · Council" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  return load(() => getGathering(getDb(), actor, params.slug ?? "", idParam(params.id, "gathering")));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const formData = await readFormData(request);
  const parsed = parseForm(gatheringSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const chapter = await updateGatheringIn(getDb(), actor, params.slug ?? "", idParam(params.id, "gathering"), parsed.data);
    return redirect(`/chapters/${chapter.slug}`);
  });
}

export default function EditGathering() {
  const { chapter, gathering } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  return (
    <section className="narrow">
      <p><Link to={`/chapters/${chapter.slug}`}>← {chapter.name} chapter</Link></p>
      <h1>Edit “{gathering.title}”</h1>
      {gathering.cancelled_at ? <p className="warning">This gathering was cancelled; it can no longer be changed.</p> : (
        <GatheringForm failure={failure} submitLabel="Save changes" submitting={useNavigation().state === "submitting"}
          defaults={{ title: gathering.title, startsAt: toDateTimeLocal(gathering.starts_at), place: gathering.place, link: gathering.link }} />
      )}
    </section>
  );
}
