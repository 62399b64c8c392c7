import type { ReactNode } from "react";

// Select, radio group and textarea with the same error-beside-the-field pattern as <Field>.
type Option = { value: string; label: string };

export function SelectField({ name, label, options, error, defaultValue, hint }: { name: string; label: string; options: Option[]; error?: string; defaultValue?: string; hint?: ReactNode }) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <span id={`${id}-hint`} className="hint">{hint}</span> : null}
      <select id={id} name={name} defaultValue={defaultValue ?? ""} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
        <option value="" disabled>Choose…</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {error ? <span id={`${id}-error`} className="error" role="alert">{error}</span> : null}
    </div>
  );
}

export function RadioGroup({ name, legend, options, error, defaultValue }: { name: string; legend: string; options: Option[]; error?: string; defaultValue?: string }) {
  const id = `field-${name}`;
  return (
    <fieldset className="field" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input type="radio" name={name} value={o.value} defaultChecked={defaultValue === o.value} /> {o.label}
        </label>
      ))}
      {error ? <span id={`${id}-error`} className="error" role="alert">{error}</span> : null}
    </fieldset>
  );
}

export function TextAreaField({ name, label, error, defaultValue, hint, rows = 3 }: { name: string; label: string; error?: string; defaultValue?: string; hint?: ReactNode; rows?: number }) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <span id={`${id}-hint`} className="hint">{hint}</span> : null}
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} style={{ minHeight: "auto" }} />
      {error ? <span id={`${id}-error`} className="error" role="alert">{error}</span> : null}
    </div>
  );
}

export function CheckboxField({ name, label, error, defaultChecked, hint }: { name: string; label: string; error?: string; defaultChecked?: boolean; hint?: ReactNode }) {
  const id = `field-${name}`;
  return (
    <div className="field">
      <label className="choice" htmlFor={id}>
        <input id={id} type="checkbox" name={name} defaultChecked={defaultChecked} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} /> {label}
      </label>
      {hint ? <span className="hint">{hint}</span> : null}
      {error ? <span id={`${id}-error`} className="error" role="alert">{error}</span> : null}
    </div>
  );
}

/** The reasons behind a decision, each marked passed or not. */
export function ReasonList({ reasons }: { reasons: { rule: string; passed: boolean; message: string }[] }) {
  return (
    <ul className="reasons">
      {reasons.map((r) => (
        <li key={r.rule}><span className={`status ${r.passed ? "approved" : "rejected"}`}>{r.passed ? "Passed" : "Not met"}</span> {r.message}</li>
      ))}
    </ul>
  );
}
