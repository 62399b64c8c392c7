import { data, type LinksFunction, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GatheringForm } from "~/components/gathering-form";
import { createGatheringIn, getChapter } from "~/governance/chapters.server";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { requirePermission } from "~/accounts/session.server";
import { gatheringSchema } from "~/governance/schemas/chapters";
import chaptersCss from "~/chapters.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: chaptersCss }];
export const meta: MetaFunction = () => [{ title: "Hold a gathering · Council" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  return load(async () => ({ chapter: await getChapter(getDb(), actor, params.slug ?? "", "manage_gatherings") }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const formData = await readFormData(request);
  const parsed = parseForm(gatheringSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const chapter = await createGatheringIn(getDb(), actor, params.slug ?? "", parsed.data);
    return redirect(`/chapters/${chapter.slug}`);
  });
}

export default function NewGathering() {
  const { chapter } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  return (
    <section className="narrow">
      <p><Link to={`/chapters/${chapter.slug}`}>← {chapter.name} chapter</Link></p>
      <h1>Hold a gathering of the {chapter.name} chapter</h1>
      <GatheringForm failure={failure} submitLabel="Announce gathering" submitting={useNavigation().state === "submitting"} />
    </section>
  );
}
