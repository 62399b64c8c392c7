import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from "react";

type FieldProps = {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue">;

/** A labelled input whose error sits beside it and is announced to screen readers. */
export function Field({ name, label, hint, error, defaultValue, type = "text", id: givenId, ...rest }: FieldProps) {
  // Two forms on one page may share a field name (e.g. currentPassword): give the second its own id.
  const id = givenId ?? `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <span id={`${id}-hint`} className="hint">{hint}</span> : null}
      <input id={id} name={name} type={type} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
      {error ? <span id={`${id}-error`} className="error" role="alert">{error}</span> : null}
    </div>
  );
}

export function FormError({ message }: { message?: string }) {
  return message ? <p className="form-error" role="alert">{message}</p> : null;
}

/** A form ref whose password fields are emptied whenever the action answers with a failure: a refused password is never kept. */
export function usePasswordsClearedOn(failure: unknown) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!failure) return;
    form.current?.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((input) => { input.value = ""; });
  }, [failure]);
  return form;
}
