import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { ROLE_LEVEL_LABELS } from "~/forum/framework";
import { parseForm } from "~/platform/forms";
import { idParam } from "~/platform/route-params";
import { load, runAction, readFormData } from "~/platform/http.server";
import { castVote, getProposal, secondProposal } from "~/governance/proposals.server";
import { requireMember } from "~/accounts/session.server";
import { formatDateTime } from "~/platform/time";
import { proposalActionSchema, VOTE_LABELS } from "~/governance/schemas/proposals";
import { VOTE_CHOICES } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Proposal: policy version ${data?.version ?? ""} · Council` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return load(() => getProposal(getDb(), actor, idParam(params.id, "proposal")));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const formData = await readFormData(request);
  const parsed = parseForm(proposalActionSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const id = idParam(params.id, "proposal");
    if (parsed.data.intent === "second") return { ok: true as const, done: (await secondProposal(getDb(), actor, id)).opened ? "Seconded: voting is now open." : "Seconded." };
    await castVote(getDb(), actor, id, parsed.data.choice);
    return { ok: true as const, done: `Your vote is recorded: ${VOTE_LABELS[parsed.data.choice]}.` };
  });
}

const STATE_WORDS = { seconding: "Awaiting seconds", open: "Voting open", passed: "Passed", failed: "Did not pass", adopted: "Adopted" } as const;

export default function Proposal() {
  const p = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && "fieldErrors" in result ? result : undefined;
  return (
    <>
      <p><Link to="/policy/proposals">← Policy proposals</Link></p>
      <h1>Proposal: eligibility policy version {p.version} <span className="status">{STATE_WORDS[p.state]}</span></h1>
      <p className="meta">
        Proposed by {p.proposer?.name ?? "a former member"} on {formatDateTime(p.createdAt)}
        {p.deadline ? ` · voting ${p.state === "open" ? "closes" : "closed"} ${formatDateTime(p.deadline)}` : ` · voting runs ${p.votingDays} days once seconded`}
        {p.adoptedAt ? ` · adopted ${formatDateTime(p.adoptedAt)}` : ""}
      </p>
      {result && "done" in result ? <p className="notice" role="status">{result.done}</p> : null}
      <FormError message={failure?.formError} />
      <p>{p.summary}</p>
      <ul>{p.lines.map((line) => <li key={line}>{line}</li>)}</ul>
      {p.impact ? (
        <p>
          Impact against version {p.impact.currentVersion}: {p.impact.membersChanged} of {p.impact.membersCounted} members and {p.impact.applicantsChanged} of
          {" "}{p.impact.applicantsCounted} open applications change outcome; {p.impact.noLongerQualify} {p.impact.noLongerQualify === 1 ? "member would" : "members would"} no
          longer qualify and would get a notice period. {p.canSeeReport ? <Link to={`/policy/${p.version}`}>The full impact report</Link> : null}
        </p>
      ) : null}
      <section aria-labelledby="discussion-title">
        <h2 id="discussion-title">The case and the discussion</h2>
        <p style={{ whiteSpace: "pre-wrap" }}>{p.discussion}</p>
        {p.threadId ? <p><Link to={`/threads/${p.threadId}`}>Discuss this proposal</Link> in the forum.</p> : null}
      </section>

      {p.state === "seconding" ? (
        <section className="card" aria-labelledby="seconds-title">
          <h2 id="seconds-title">Seconds: {p.seconds.length} of {p.secondsNeeded}</h2>
          <p>{p.seconds.length ? `Seconded by ${p.seconds.map((s) => s.name).join(", ")}.` : "No one has seconded it yet."} Voting opens when {p.secondsNeeded} members other than the proposer have seconded it.</p>
          {p.canSecond ? <Form method="post"><button type="submit" name="intent" value="second">Second this proposal</button></Form> : null}
        </section>
      ) : null}

      {p.canVote ? (
        <section className="card" aria-labelledby="vote-title">
          <h2 id="vote-title">Your vote</h2>
          <p>{p.myVote ? `You voted ${VOTE_LABELS[p.myVote.choice]} (${formatDateTime(p.myVote.at)}). You may change it until the deadline.` : "You have not voted yet. You may change your vote until the deadline."}</p>
          <Form method="post" className="stack">
            <fieldset className="field" aria-invalid={failure?.fieldErrors.choice ? true : undefined}>
              <legend>Adopt version {p.version}?</legend>
              {VOTE_CHOICES.map((c) => (
                <label key={c} className="choice">
                  <input type="radio" name="choice" value={c} defaultChecked={(failure?.values.choice ?? p.myVote?.choice) === c} /> {VOTE_LABELS[c]}
                </label>
              ))}
              {failure?.fieldErrors.choice ? <span className="error" role="alert">{failure.fieldErrors.choice}</span> : null}
            </fieldset>
            <button type="submit" name="intent" value="vote">{p.myVote ? "Change my vote" : "Vote"}</button>
          </Form>
          <p className="muted">Results are shown after voting closes.</p>
        </section>
      ) : null}

      {p.results ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">Result: {p.state === "failed" ? "did not pass" : "passed"}</h2>
          <p>Yes {p.results.total.yes}, no {p.results.total.no}, abstain {p.results.total.abstain}. A proposal passes when more members vote yes than no.</p>
          {p.myVote ? <p>You voted {VOTE_LABELS[p.myVote.choice]}.</p> : null}
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
            <table>
              <caption>Votes by role level</caption>
              <thead><tr><th scope="col">Role level</th><th scope="col">Yes</th><th scope="col">No</th><th scope="col">Abstain</th></tr></thead>
              <tbody>
                {p.results.byRoleLevel.map((t) => (
                  <tr key={t.roleLevel}><th scope="row">{ROLE_LEVEL_LABELS[t.roleLevel]}</th><td>{t.yes}</td><td>{t.no}</td><td>{t.abstain}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.canAdopt ? (
            <p><Link to={`/policy/${p.version}`} className="button">Adopt version {p.version}…</Link> (you choose the notice period for members who no longer qualify)</p>
          ) : null}
          {p.state === "failed" ? <p>A proposal that did not pass can never be adopted.</p> : null}
        </section>
      ) : null}
    </>
  );
}
