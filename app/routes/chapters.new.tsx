import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { createChapter } from "~/governance/chapters.server";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { requirePermission } from "~/accounts/session.server";
import { chapterSchema } from "~/governance/schemas/chapters";

export const meta: MetaFunction = () => [{ title: "New chapter · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage_chapters");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage_chapters");
  const formData = await readFormData(request);
  const parsed = parseForm(chapterSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const chapter = await createChapter(getDb(), actor, parsed.data);
    return redirect(`/chapters/${chapter.slug}`);
  });
}

export default function NewChapter() {
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="narrow">
      <p><Link to="/chapters">← Chapters</Link></p>
      <h1>Create a chapter</h1>
      <Form method="post" className="card stack" noValidate>
        <FormError message={failure?.formError} />
        <Field name="name" label="Name" hint="A city or region, such as London or Southeast Asia." required maxLength={80}
          defaultValue={failure?.values.name} error={failure?.fieldErrors.name} />
        <Field name="slug" label="Address" hint="Optional: the last part of the chapter's address, like new-york. Made from the name when left empty."
          maxLength={40} defaultValue={failure?.values.slug} error={failure?.fieldErrors.slug} />
        <div className="field">
          <label htmlFor="field-description">Description</label>
          <textarea id="field-description" name="description" rows={4} maxLength={1000} defaultValue={failure?.values.description}
            aria-invalid={failure?.fieldErrors.description ? true : undefined} aria-describedby={failure?.fieldErrors.description ? "field-description-error" : undefined} />
          {failure?.fieldErrors.description ? <span id="field-description-error" className="error" role="alert">{failure.fieldErrors.description}</span> : null}
        </div>
        <button type="submit" disabled={submitting}>{submitting ? "Creating…" : "Create chapter"}</button>
      </Form>
      <p className="muted">After creating it, appoint a president from among the chapter's members on its page.</p>
    </section>
  );
}
