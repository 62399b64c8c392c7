import { Form } from "@remix-run/react";
import { formatDateTime } from "~/platform/time";

type Rates = { posts: number; pitches: number; recall: number | null; fpr: number | null };
type Metrics = { holdout: Rates; decisions: Rates };
type Learning = {
  current: { version: number; source: "shipped" | "retrained"; trainedAt: string | null; adoptedAt: string | null; metrics: Metrics | null };
  examples: { total: number; new: number };
  candidate: null | { version: number; trainedAt: string; examplesUsed: number; candidate: Metrics; current: Metrics & { version: number } };
};

const pct = (n: number | null) => (n == null ? "—" : `${(n * 100).toFixed(1)}%`);

/** The pitch model section of /moderation/settings: the model in force, new decisions, retrain, and the candidate beside the current model. */
export function PitchModelPanel({ learning, threshold, busy }: { learning: Learning; threshold: number; busy: string | null }) {
  const { current, examples, candidate } = learning;
  return (
    <section className="card stack" aria-labelledby="pitch-model-heading">
      <h2 id="pitch-model-heading">Pitch model</h2>
      <p>
        In force: <strong>model v{current.version}</strong>{" "}
        {current.source === "shipped" ? "(shipped with the code)" : `(retrained ${formatDateTime(current.trainedAt!)}, adopted ${formatDateTime(current.adoptedAt!)})`}.
        {" "}Every automatic hold names its version in the moderation log.
      </p>
      <p data-testid="new-examples">
        <strong>{examples.new}</strong> new moderator decision{examples.new === 1 ? "" : "s"} since this model was trained ({examples.total} in all).
        Publishing or rejecting a held post, and upholding or dismissing sales-pitch flags, each teach the model one example;
        one decision in five is kept out of training to measure models on.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="retrain" />
        <button type="submit" disabled={busy === "retrain"}>{busy === "retrain" ? "Training…" : "Retrain a candidate"}</button>
      </Form>
      {candidate ? (
        <>
          <h3>Candidate model v{candidate.version}</h3>
          <p className="muted">
            Trained {formatDateTime(candidate.trainedAt)} from the corpus's tune rows and {candidate.examplesUsed} moderator decisions. Measured at
            the threshold {threshold} on the fixed held-out corpus split and on the held-out decisions of the last 90 days; neither was used to train it.
          </p>
          <table>
            <thead>
              <tr><th scope="col">measure</th><th scope="col">in force (v{candidate.current.version})</th><th scope="col">candidate (v{candidate.version})</th></tr>
            </thead>
            <tbody>
              <tr><th scope="row">Held-out corpus ({candidate.candidate.holdout.posts} posts): pitches held</th><td>{pct(candidate.current.holdout.recall)}</td><td>{pct(candidate.candidate.holdout.recall)}</td></tr>
              <tr><th scope="row">Held-out corpus: honest posts held (false positives)</th><td>{pct(candidate.current.holdout.fpr)}</td><td>{pct(candidate.candidate.holdout.fpr)}</td></tr>
              <tr><th scope="row">Last 90 days of decisions ({candidate.candidate.decisions.posts} posts): pitches held</th><td>{pct(candidate.current.decisions.recall)}</td><td>{pct(candidate.candidate.decisions.recall)}</td></tr>
              <tr><th scope="row">Last 90 days of decisions: honest posts held</th><td>{pct(candidate.current.decisions.fpr)}</td><td>{pct(candidate.candidate.decisions.fpr)}</td></tr>
            </tbody>
          </table>
          <Form method="post">
            <input type="hidden" name="intent" value="adopt" />
            <input type="hidden" name="version" value={candidate.version} />
            <button type="submit" disabled={busy === "adopt"}>Adopt model v{candidate.version}</button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
