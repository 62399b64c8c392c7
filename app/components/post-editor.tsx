import type { ReactNode } from "react";
import { DraftTextarea } from "./draft-textarea";

type PostEditorProps = {
  storageKey: string;
  label: string;
  defaultValue?: string;
  error?: string;
  clearDraft?: boolean;
  mode?: "append" | "replace";
  /** Rendered HTML of a preview (sanitized on the server). */
  previewHtml?: string | null;
  maxLength: number;
  submitLabel: string;
  submitting?: boolean;
  children?: ReactNode;
};

/** The Markdown box shared by new threads, replies and edits: hint, error, Preview and submit buttons. */
export function PostEditor({ storageKey, label, defaultValue, error, clearDraft, mode, previewHtml, maxLength, submitLabel, submitting, children }: PostEditorProps) {
  return (
    <>
      <div className="field">
        <label htmlFor="field-body">{label}</label>
        <span id="field-body-hint" className="hint">
          Markdown: **bold**, *italic*, &gt; quote, - lists, [links](https://…). Mention a member as @first.last. Up to {maxLength.toLocaleString("en-US")} characters.
        </span>
        <DraftTextarea id="field-body" name="body" rows={8} storageKey={storageKey} clear={clearDraft} mode={mode} defaultValue={defaultValue}
          aria-invalid={error ? true : undefined} aria-describedby={error ? "field-body-hint field-body-error" : "field-body-hint"} />
        {error ? <span id="field-body-error" className="error" role="alert">{error}</span> : null}
      </div>
      {previewHtml != null ? (
        <section className="post preview" aria-label="Preview">
          <p className="meta">Preview — not posted yet</p>
          <div className="body" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        </section>
      ) : null}
      {children}
      <div className="actions">
        <button type="submit" name="intent" value="post" disabled={submitting}>{submitting ? "Posting…" : submitLabel}</button>
        <button type="submit" name="intent" value="preview" className="secondary">Preview</button>
      </div>
    </>
  );
}
