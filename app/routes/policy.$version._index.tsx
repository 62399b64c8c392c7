import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { parseForm } from "~/platform/forms";
import { idParam } from "~/platform/route-params";
import { load, runAction, readFormData } from "~/platform/http.server";
import { adoptPolicy, discardPolicyDraft, getPolicyVersionView } from "~/membership/policy.server";
import { requireMember, requirePermission } from "~/accounts/session.server";
import { formatDate } from "~/platform/time";
import { adoptSchema, outcomeWords } from "~/membership/schemas/policy";

export const meta: MetaFunction = () => [{ title: "Policy version · Council" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return load(() => getPolicyVersionView(getDb(), actor, idParam(params.version, "policy version")));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage_policy");
  const formData = await readFormData(request);
  const version = Number(params.version);
  if (formData.get("intent") === "discard") {
    return runAction(formData, async () => { await discardPolicyDraft(getDb(), actor, version); return redirect("/policy"); });
  }
  const parsed = parseForm(adoptSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    await adoptPolicy(getDb(), actor, version, parsed.data);
    return redirect(`/policy/${version}`);
  });
}

const VOTE_WORDS = {
  seconding: "it awaits two seconds before voting opens, and cannot change meanwhile",
  open: "voting is open, and the draft cannot change or be adopted",
  passed: "the members passed it, so it may be adopted",
  failed: "the members did not pass it, so it can never be adopted",
} as const;

export default function PolicyVersion() {
  const v = useLoaderData<typeof loader>();
  const frozen = v.vote !== null && (v.vote.state === "seconding" || v.vote.state === "open");
  const failure = useActionData<typeof action>();
  const affected = v.impact?.noLongerQualify.length ?? 0;
  const rows = v.impact ? [...v.impact.members, ...v.impact.applicants] : [];
  return (
    <>
      <p><Link to="/policy">← Eligibility policy</Link></p>
      <h1>Policy version {v.version} <span className="status">{v.status}</span></h1>
      <p className="meta">Drafted by {v.meta.author_name ?? "the founders"} on {formatDate(v.meta.created_at)}{v.meta.adopted_at ? ` · adopted ${formatDate(v.meta.adopted_at)}${v.meta.adopted_by_name ? ` by ${v.meta.adopted_by_name}` : ""}` : ""}</p>
      <p>{v.summary}</p>
      <ul>{v.lines.map((line) => <li key={line}>{line}</li>)}</ul>
      {v.impact ? (
        <>
          <section aria-labelledby="impact-title">
            <h2 id="impact-title">Impact report</h2>
            <p>Against version {v.impact.currentVersion}, over {v.impact.counted.members} active members and {v.impact.counted.applicants} open applications: {rows.length === 0 ? "no one changes outcome." : `${v.impact.members.length} members and ${v.impact.applicants.length} applicants change outcome; ${affected} ${affected === 1 ? "member no longer qualifies" : "members no longer qualify"}.`}</p>
            <p><a href={`/policy/${v.version}/impact.csv`} download>Download the impact report (CSV)</a>{frozen ? null : <> · <Link to={`/policy/${v.version}/edit`}>Edit the draft</Link></>}</p>
            {rows.length ? (
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
                <table>
                  <thead><tr><th>Who</th><th>Kind</th><th>Now (v{v.impact.currentVersion})</th><th>Under v{v.version}</th><th>Why</th></tr></thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={`${r.kind}-${r.id}`}>
                        <td><strong>{r.name}</strong><br /><span className="meta">{r.company} · {r.email}</span></td>
                        <td>{r.kind}</td>
                        <td>{outcomeWords(r.before)}</td>
                        <td>{outcomeWords(r.after)}</td>
                        <td>{r.reasons.map((x) => x.message).join(" ") || "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
          {v.vote ? (
            <p className="notice">
              This draft is <Link to={`/policy/proposals/${v.vote.id}`}>proposed to the members</Link>: {VOTE_WORDS[v.vote.state]}
              {v.vote.state === "open" && v.vote.deadline ? ` until ${formatDate(v.vote.deadline)}` : ""}.
            </p>
          ) : null}
          {v.vote && v.vote.state !== "passed" ? (
            v.vote.state === "failed" ? (
              <Form method="post"><button type="submit" name="intent" value="discard" className="link-button">Discard this draft</button></Form>
            ) : null
          ) : (
          <section className="card" aria-labelledby="adopt-title">
            <h2 id="adopt-title">Adopt version {v.version}</h2>
            <Form method="post" className="stack" noValidate>
              <FormError message={failure?.formError} />
              {affected > 0 ? (
                <>
                  <p className="warning">{affected} {affected === 1 ? "member" : "members"} will be told at once and their membership will end when the notice period ends. The same notice goes to every one of them; there are no exemptions. Anyone who qualifies again by then is spared.</p>
                  <div className="field">
                    <label htmlFor="field-noticeDays">Notice period (days)</label>
                    <input id="field-noticeDays" name="noticeDays" type="number" min={1} max={365} defaultValue={failure?.values.noticeDays ?? "30"} aria-invalid={failure?.fieldErrors.noticeDays ? true : undefined} />
                    {failure?.fieldErrors.noticeDays ? <span className="error" role="alert">{failure.fieldErrors.noticeDays}</span> : null}
                  </div>
                  <div className="field">
                    <label htmlFor="field-message">Personal message to them</label>
                    <textarea id="field-message" name="message" rows={5} defaultValue={failure?.values.message ?? ""} aria-invalid={failure?.fieldErrors.message ? true : undefined} />
                    {failure?.fieldErrors.message ? <span className="error" role="alert">{failure.fieldErrors.message}</span> : null}
                  </div>
                </>
              ) : <p>No member loses eligibility, so no notice is needed.</p>}
              <button type="submit" name="intent" value="adopt">Adopt version {v.version}</button>
            </Form>
            <Form method="post">
              <button type="submit" name="intent" value="discard" className="link-button">Discard this draft</button>
            </Form>
          </section>
          )}
        </>
      ) : null}
    </>
  );
}
