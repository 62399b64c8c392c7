/** The reasons a rule gave for refusing what someone wrote (e.g. the pitch detector's signals), each with the words that triggered it. */
export function RefusalReasons({ reasons }: { reasons?: { label: string; excerpt: string }[] }) {
  if (!reasons?.length) return null;
  return (
    <div className="warning" role="alert" aria-labelledby="refusal-reasons-title">
      <p id="refusal-reasons-title"><strong>Why it was not sent</strong></p>
      <ul>
        {reasons.map((r, i) => (
          <li key={i}>{r.label}: <q>{r.excerpt}</q></li>
        ))}
      </ul>
    </div>
  );
}
