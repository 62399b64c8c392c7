import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { getModerationSettings, updateModerationSettings } from "~/moderation/moderation-settings.server";
import { decidePitchModel, getPitchLearning } from "~/moderation/pitch-learning.server";
import { requirePermission } from "~/accounts/session.server";
import { pitchModelSchema, settingsSchema } from "~/moderation/schemas/moderation";
import { PitchModelPanel } from "~/components/pitch-model-panel";

export const meta: MetaFunction = () => [{ title: "Moderation settings · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage_moderation");
  const db = getDb();
  const [settings, learning] = await Promise.all([getModerationSettings(db), getPitchLearning(db, actor)]);
  return { ...settings, learning };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage_moderation");
  const formData = await readFormData(request);
  if (formData.has("intent")) {
    const parsed = parseForm(pitchModelSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    return runAction(formData, async () => ({ model: (await decidePitchModel(getDb(), actor, parsed.data)).message }));
  }
  const parsed = parseForm(settingsSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const { changed } = await updateModerationSettings(getDb(), actor, parsed.data);
    return redirect(`/moderation/settings?saved=${changed.length}`);
  });
}

export default function ModerationSettingsPage() {
  const { learning, ...settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && "ok" in result ? result : undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().formData?.get("intent");
  const saved = params.get("saved");
  return (
    <>
      <p><Link to="/moderation">← Review queue</Link></p>
      <h1>Moderation settings</h1>
      <p className="muted">Founders only. Every change is recorded in the moderation log with its old and new value.</p>
      {saved != null && !result ? <p className="notice" role="status">{saved === "0" ? "Nothing changed." : "Settings saved."}</p> : null}
      <Form method="post" className="card stack" noValidate>
        <FormError message={failure && !failure.values.intent ? failure.formError : undefined} />
        <Field name="pitchThreshold" label="Pitch threshold" type="number" step="0.05" min="0.1" max="10"
          hint="A post whose pitch score (rule signals and the model's probability, combined) reaches this is held for review. Lower holds more posts; the same for every author."
          defaultValue={failure?.values.pitchThreshold ?? String(settings.pitchThreshold)} error={failure?.fieldErrors.pitchThreshold} />
        <Field name="flagCompanyThreshold" label="Flags needed to hide a post (different companies)" type="number" step="1" min="1" max="20"
          hint="A post is hidden pending review once members of this many different companies flag it. The author's own company never counts."
          defaultValue={failure?.values.flagCompanyThreshold ?? String(settings.flagCompanyThreshold)} error={failure?.fieldErrors.flagCompanyThreshold} />
        <button type="submit">Save settings</button>
      </Form>
      {result && "model" in result ? <p className="notice" role="status">{result.model}</p> : null}
      {failure?.values.intent ? <FormError message={failure.formError} /> : null}
      <PitchModelPanel learning={learning} threshold={settings.pitchThreshold} busy={typeof busy === "string" ? busy : null} />
    </>
  );
}
