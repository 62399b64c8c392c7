import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { updateFramework } from "~/forum/framework.server";
import { requirePermission } from "~/accounts/session.server";
import { getFramework } from "~/forum/threads.server";
import { frameworkEditSchema } from "~/forum/schemas/framework";

export const meta: MetaFunction = () => [{ title: "Edit the framework · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "edit_framework");
  return getFramework(getDb());
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "edit_framework");
  const formData = await readFormData(request);
  const parsed = parseForm(frameworkEditSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const { changes } = await updateFramework(getDb(), actor, parsed.data);
    return redirect(`/framework/edit?saved=${changes}`);
  });
}

export default function EditFramework() {
  const { areas, stages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const value = (name: string, fallback: string) => failure?.values[name] ?? fallback;
  const saved = useSearchParams()[0].get("saved");
  return (
    <section>
      <p><Link to="/">← Framework</Link></p>
      <h1>Edit the framework</h1>
      <p className="muted">Founders name the maturity stages and describe the lifecycle areas. Every change is recorded in the audit log.</p>
      <Form method="post" className="card" noValidate>
        <FormError message={failure?.formError} />
        {saved != null && !failure ? <p className="notice" role="status">{saved === "0" ? "Nothing changed." : `Saved ${saved} ${saved === "1" ? "change" : "changes"}.`}</p> : null}
        <fieldset>
          <legend>Maturity stages</legend>
          {stages.map((s) => (
            <div key={s.key} className="field-row">
              <div className="field">
                <label htmlFor={`stage-${s.key}-name`}>Name of stage {s.position + 1}</label>
                <input id={`stage-${s.key}-name`} type="text" name={`stage.${s.key}.name`} defaultValue={value(`stage.${s.key}.name`, s.name)} maxLength={60} />
              </div>
              <div className="field grow">
                <label htmlFor={`stage-${s.key}-description`}>Description</label>
                <input id={`stage-${s.key}-description`} type="text" name={`stage.${s.key}.description`} defaultValue={value(`stage.${s.key}.description`, s.description)} maxLength={500} />
              </div>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Lifecycle areas</legend>
          {areas.map((a) => (
            <div key={a.key} className="field">
              <label htmlFor={`area-${a.key}`}>{a.name}</label>
              <textarea id={`area-${a.key}`} name={`area.${a.key}.description`} rows={2} defaultValue={value(`area.${a.key}.description`, a.description)} maxLength={500} />
            </div>
          ))}
        </fieldset>
        <button type="submit">Save the framework</button>
      </Form>
    </section>
  );
}
