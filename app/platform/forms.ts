import type { z } from "zod";

// One schema per form, shared by the form and its action. On failure the action returns the
// field errors and what the person typed (never passwords), so nothing is lost.
export type FormFailure = {
  ok: false;
  formError?: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
  /** Why a rule refused it, when there are several reasons to show (e.g. a held message). */
  reasons?: { label: string; excerpt: string }[];
};

const SECRET_FIELDS = new Set(["password", "passwordConfirm", "currentPassword"]);

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !SECRET_FIELDS.has(key)) values[key] = value;
  }
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData):
  | { ok: true; data: z.output<S> }
  | FormFailure {
  const values = formValues(formData);
  const raw: Record<string, unknown> = Object.fromEntries(formData.entries());
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, fieldErrors, values, formError: "Please correct the highlighted fields." };
}

/** The action's answer when it refused the form (`ok: false`), else undefined: a success, another answer, or none yet. */
export function failureOf<T>(result: T): Extract<NonNullable<T>, { ok: false }> | undefined {
  const refused = typeof result === "object" && result !== null && "ok" in result && result.ok === false;
  return refused ? (result as Extract<NonNullable<T>, { ok: false }>) : undefined;
}
