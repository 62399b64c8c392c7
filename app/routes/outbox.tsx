import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server";
import { listOutbox } from "~/platform/mail.server";
import { requirePermission } from "~/accounts/session.server";
import { formatDateTime } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Outbox · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "view_outbox");
  return { messages: await listOutbox(getDb()) };
}

const STATUS = { stored: "Stored (no SMTP)", queued: "Queued", sent: "Sent", failed: "Failed" } as const;

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Outbox</h1>
      <p className="muted">Every email Council sends, newest first. Without SMTP_URL, messages are stored here instead of sent. Failed deliveries are retried with back-off, then marked failed.</p>
      {messages.length === 0 ? <p>No email yet.</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
          <table>
            <thead><tr><th>To</th><th>Subject</th><th>Status</th><th>Attempts</th><th>Created</th></tr></thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{m.to_address}<br /><span className="meta">{m.kind}</span></td>
                  <td>
                    <details><summary>{m.subject}</summary><pre style={{ whiteSpace: "pre-wrap" }}>{m.text_body}</pre></details>
                  </td>
                  <td>
                    <span className={`status ${m.status === "failed" ? "rejected" : m.status === "sent" ? "approved" : m.status === "queued" ? "held" : ""}`}>{STATUS[m.status]}</span>
                    {m.last_error ? <><br /><span className="error">Last error: {m.last_error}</span></> : null}
                    {m.status === "queued" && m.next_attempt_at ? <><br /><span className="meta">Next try {formatDateTime(m.next_attempt_at)}</span></> : null}
                  </td>
                  <td>{m.attempts}</td>
                  <td>{formatDateTime(m.created_at)}{m.sent_at ? <><br /><span className="meta">sent {formatDateTime(m.sent_at)}</span></> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
