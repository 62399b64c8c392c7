import { Form } from "@remix-run/react";
import { Field, FormError } from "./field";

type Failure = { formError?: string; fieldErrors: Record<string, string>; values: Record<string, string> } | undefined;
type Defaults = { title?: string; startsAt?: string; place?: string | null; link?: string | null };

/** The form to hold or change a chapter gathering. Values typed are kept when something needs correcting. */
export function GatheringForm({ failure, defaults = {}, submitLabel, submitting }: { failure: Failure; defaults?: Defaults; submitLabel: string; submitting: boolean }) {
  const value = (name: keyof Defaults) => failure?.values[name] ?? defaults[name] ?? "";
  return (
    <Form method="post" className="card stack" noValidate>
      <FormError message={failure?.formError} />
      <Field name="title" label="Title" required maxLength={120} defaultValue={value("title")} error={failure?.fieldErrors.title} />
      <Field name="startsAt" label="Date and time (UTC)" type="datetime-local" required hint="Gatherings are scheduled in UTC, like every time in the council."
        defaultValue={value("startsAt")} error={failure?.fieldErrors.startsAt} />
      <Field name="place" label="Place" hint="An address or venue. Give a place, a link, or both." maxLength={200}
        defaultValue={value("place")} error={failure?.fieldErrors.place} />
      <Field name="link" label="Link" type="url" hint="For an online gathering, starting with https://" maxLength={500}
        defaultValue={value("link")} error={failure?.fieldErrors.link} />
      <button type="submit" disabled={submitting}>{submitting ? "Saving…" : submitLabel}</button>
    </Form>
  );
}
