import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { PostEditor } from "~/components/post-editor";
import { getDb } from "~/platform/db.server";
import { formValues, parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { MAX_POST_LENGTH } from "~/forum/markdown.server";
import { createThread, previewPost } from "~/forum/posts.server";
import { requirePermission } from "~/accounts/session.server";
import { getNewThreadOptions } from "~/forum/threads.server";
import { newThreadSchema } from "~/forum/schemas/post";

export const meta: MetaFunction = () => [{ title: "Start a thread · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "start_thread");
  const params = new URL(request.url).searchParams;
  const options = await load(() => getNewThreadOptions(getDb(), actor));
  return { ...options, area: params.get("area") ?? "", discipline: params.get("discipline") ?? "", stage: params.get("stage") ?? "", maxLength: MAX_POST_LENGTH };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "start_thread");
  const formData = await readFormData(request);
  const parsed = parseForm(newThreadSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    if (parsed.data.intent === "preview") return { ok: true as const, preview: previewPost(parsed.data.body), values: formValues(formData) };
    const r = await createThread(getDb(), actor, parsed.data);
    return redirect(`/threads/${r.threadId}?page=1&posted=thread`);
  });
}

export default function NewThread() {
  const { framework, chapters, area, discipline, stage, maxLength } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string | undefined> = result?.values ?? {};
  const errors: Record<string, string | undefined> = failure?.fieldErrors ?? {};
  const submitting = useNavigation().formData?.get("intent") === "post";
  const select = (name: string, label: string, options: { key: string; name: string }[], initial: string, optional?: string) => (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      <select id={`field-${name}`} name={name} defaultValue={values[name] ?? initial} aria-invalid={errors[name] ? true : undefined}>
        {optional ? <option value="">{optional}</option> : <option value="" disabled>Choose…</option>}
        {options.map((o) => <option key={o.key} value={o.key}>{o.name}</option>)}
      </select>
      {errors[name] ? <span className="error" role="alert">{errors[name]}</span> : null}
    </div>
  );
  return (
    <section className="narrow-wide">
      <h1>Start a thread</h1>
      <Form method="post" className="card" noValidate>
        <FormError message={failure?.formError} />
        <Field name="title" label="Title" defaultValue={values.title} error={errors.title} maxLength={200} />
        <div className="field-row">
          {select("lifecycleArea", "Lifecycle area", framework.areas, area)}
          {select("discipline", "Discipline", framework.disciplines, discipline)}
          {select("maturityStage", "Maturity stage (optional)", framework.stages, stage, "Any stage")}
          {chapters.length ? select("chapterId", "Chapter (optional)", chapters.map((c) => ({ key: String(c.id), name: c.name })), "", "The whole council") : null}
        </div>
        <PostEditor storageKey="draft:new-thread" label="Your post" defaultValue={values.body} error={errors.body}
          previewHtml={result?.ok ? result.preview : null} maxLength={maxLength} submitLabel="Start thread" submitting={submitting} />
      </Form>
    </section>
  );
}
