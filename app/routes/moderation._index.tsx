import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { decideInQueue, getReviewQueue } from "~/moderation/moderation.server";
import { postPath } from "~/forum/post-links";
import { requireMember, requireTwoFactorForStaff } from "~/accounts/session.server";
import { formatDateTime } from "~/platform/time";
import { FLAG_REASON_LABELS, FLAG_REASONS, flagReasonLabel, queueDecisionSchema } from "~/moderation/schemas/moderation";

export const meta: MetaFunction = () => [{ title: "Review queue · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  requireTwoFactorForStaff(actor, "moderate");
  // Moderators and founders see every queue; chapter presidents their chapters'; founders also suspensions.
  return load(() => getReviewQueue(getDb(), actor));
}

// Rejecting and upholding (a removal) take two steps: the first returns a
// confirmation, only a submission with confirm=yes decides. Permission is checked by the domain.
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  requireTwoFactorForStaff(actor, "moderate");
  const formData = await readFormData(request);
  const parsed = parseForm(queueDecisionSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const d = parsed.data;
  if ((d.intent === "reject" || d.intent === "uphold") && d.confirm !== "yes") {
    return { ok: true as const, confirm: d, message: null };
  }
  return runAction(formData, async () => ({ ok: true as const, confirm: null, ...(await decideInQueue(getDb(), actor, d)) }));
}

export default function ModerationQueue() {
  const { held, flagged, suspended, canManageSettings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const confirm = result?.ok ? result.confirm : null;
  const done = result?.ok ? result.message : null;
  const failedFor = (kind: string, id: number) => failure && failure.values.intent === kind && Number(failure.values.postId) === id;
  return (
    <>
      <h1>Review queue</h1>
      <p className="muted">
        You never see your own posts here: another moderator decides them. <Link to="/moderation/log">Moderation log</Link>
        {canManageSettings ? <> · <Link to="/moderation/settings">Settings</Link></> : null}
      </p>
      {done ? <p className="notice" role="status">{done}</p> : null}
      {failure && !failure.values.postId ? <FormError message={failure.formError} /> : null}
      {confirm ? (
        <section className="card" aria-labelledby="confirm-title">
          <h2 id="confirm-title">
            {confirm.intent === "reject" ? "Reject this post?" : "Remove this post and record a strike?"}
          </h2>
          <p>
            {confirm.intent === "reject" ? "The author will read your reason and can edit and resubmit. Nothing they wrote is lost."
              : `The post is removed (a note keeps its place), the author is warned, and a strike is recorded under “${flagReasonLabel(confirm.rule)}”. Three sales-pitch strikes within a year suspend a member.`}
          </p>
          {"reason" in confirm ? <p><strong>Reason:</strong> {confirm.reason}</p> : null}
          <Form method="post" className="inline-form">
            {Object.entries(confirm).map(([k, v]) => <input key={k} type="hidden" name={k} value={String(v)} />)}
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" className="danger">
              {confirm.intent === "reject" ? "Yes, reject" : "Yes, remove and record a strike"}
            </button>
          </Form>
          <p><Link to="/moderation">Cancel</Link></p>
        </section>
      ) : null}

      <h2 id="held">Held posts</h2>
      {held.length === 0 ? <p>Nothing is held for review.</p> : held.map((p) => (
        <section key={p.id} className="post card" aria-label={`Held post by ${p.author_name}`}>
          <header>
            <strong>{p.author_name}</strong> <span className="meta">{p.author_company}</span>
            <span className="meta"> in <Link to={postPath(p.thread_id, p.number)}>{p.thread_title}</Link> · {formatDateTime(p.edited_at ?? p.created_at)}</span>
          </header>
          <div className="body" dangerouslySetInnerHTML={{ __html: p.body_html }} />
          <h3>Why it was held</h3>
          <ul>{p.hold_reasons.map((r, i) => <li key={i}>{r.label ?? r.signal}: “{r.excerpt}”</li>)}</ul>
          <Form method="post" className="inline-form">
            <input type="hidden" name="postId" value={p.id} />
            <button type="submit" name="intent" value="publish">Publish</button>
          </Form>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="postId" value={p.id} />
            <div className="field">
              <label htmlFor={`reject-${p.id}`}>Reason for rejecting (sent to the author)</label>
              <textarea id={`reject-${p.id}`} name="reason" rows={2} defaultValue={failedFor("reject", p.id) ? failure?.values.reason : ""}
                aria-invalid={failedFor("reject", p.id) && failure?.fieldErrors.reason ? true : undefined} />
              {failedFor("reject", p.id) && failure?.fieldErrors.reason ? <span className="error" role="alert">{failure.fieldErrors.reason}</span> : null}
            </div>
            <button type="submit" name="intent" value="reject" className="secondary">Reject…</button>
          </Form>
        </section>
      ))}

      <h2 id="flagged">Flagged posts</h2>
      {flagged.length === 0 ? <p>No open flags.</p> : flagged.map((p) => (
        <section key={p.id} className="post card" aria-label={`Flagged post by ${p.author_name}`}>
          <header>
            <strong>{p.author_name}</strong> <span className="meta">{p.author_company}</span>
            <span className="meta"> in <Link to={postPath(p.thread_id, p.number)}>{p.thread_title}</Link></span>
            {p.status === "hidden" ? <span className="status held">Hidden pending review</span> : null}
          </header>
          <div className="body" dangerouslySetInnerHTML={{ __html: p.body_html }} />
          <h3>Flags (members of {p.companyCount} {p.companyCount === 1 ? "company" : "different companies"} count)</h3>
          <ul>{p.flags.map((f, i) => (
            <li key={i}>{flagReasonLabel(f.reason)} — {f.name}, {f.company}{f.note ? `: “${f.note}”` : ""}</li>
          ))}</ul>
          <Form method="post" className="inline-form">
            <input type="hidden" name="postId" value={p.id} />
            <label htmlFor={`rule-${p.id}`}>Rule broken</label>{" "}
            <select id={`rule-${p.id}`} name="rule" defaultValue={p.topReason}>
              {FLAG_REASONS.map((r) => <option key={r} value={r}>{FLAG_REASON_LABELS[r]}</option>)}
            </select>{" "}
            <button type="submit" name="intent" value="uphold" className="secondary">Uphold…</button>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="postId" value={p.id} />
            <button type="submit" name="intent" value="dismiss">Dismiss flags (restore)</button>
          </Form>
        </section>
      ))}

      {canManageSettings ? (
        <>
          <h2>Suspended members</h2>
          {suspended.length === 0 ? <p>No one is suspended.</p> : suspended.map((s) => (
            <section key={s.id} className="card" aria-label={`Suspended: ${s.name}`}>
              <p><strong>{s.name}</strong>, {s.title}, {s.company}</p>
              <p className="meta">Strikes: {s.strikes.map((k) => `${flagReasonLabel(k.rule)} (${formatDateTime(k.recorded_at)})`).join("; ") || "none"}</p>
              <p><Link to={`/admin/members/${s.id}`}>Review the suspension</Link> (founders lift it there, with a reason).</p>
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}
