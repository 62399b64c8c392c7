import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server";
import { listModerationLog } from "~/moderation/moderation.server";
import { requirePermission } from "~/accounts/session.server";
import { formatDateTime } from "~/platform/time";
import { logQuerySchema, moderationRuleLabel, MODERATION_LOG_ACTIONS } from "~/moderation/schemas/moderation";

export const meta: MetaFunction = () => [{ title: "Moderation log · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read_council");
  const url = new URL(request.url);
  const raw = Object.fromEntries(url.searchParams);
  const parsed = logQuerySchema.safeParse(raw);
  // A bad filter shows its message and the unfiltered log, never an error page.
  const fieldErrors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) fieldErrors[String(i.path[0] ?? "form")] ??= i.message;
  const query = parsed.success ? parsed.data : { page: 1 };
  return { ...(await listModerationLog(getDb(), query)), values: raw, fieldErrors };
}

export default function ModerationLog() {
  const { entries, page, hasNext, values, fieldErrors } = useLoaderData<typeof loader>();
  const pageLink = (n: number) => `?${new URLSearchParams({ ...values, page: String(n) })}`;
  return (
    <>
      <h1>Moderation log</h1>
      <p className="muted">Every moderation action: what was done, by whom, under which rule, and why. Private details (messages, appeals, flag notes) are not shown.</p>
      <Form method="get" className="inline-form filters" aria-label="Filter the log">
        <div className="field">
          <label htmlFor="log-action">Action</label>
          <select id="log-action" name="action" defaultValue={values.action ?? ""} aria-invalid={fieldErrors.action ? true : undefined}>
            <option value="">All actions</option>
            {Object.entries(MODERATION_LOG_ACTIONS).map(([key, label]) => <option key={key} value={key}>{label}</option>)}
          </select>
          {fieldErrors.action ? <span className="error" role="alert">{fieldErrors.action}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="log-from">From</label>
          <input id="log-from" type="date" name="from" defaultValue={values.from ?? ""} aria-invalid={fieldErrors.from ? true : undefined} />
          {fieldErrors.from ? <span className="error" role="alert">{fieldErrors.from}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="log-to">To</label>
          <input id="log-to" type="date" name="to" defaultValue={values.to ?? ""} aria-invalid={fieldErrors.to ? true : undefined} />
          {fieldErrors.to ? <span className="error" role="alert">{fieldErrors.to}</span> : null}
        </div>
        <button type="submit">Filter</button> <Link to="/moderation/log">Clear</Link>
      </Form>
      {entries.length === 0 ? (
        <p>No moderation actions{values.action || values.from || values.to ? " match these filters" : " yet"}.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
          <table>
            <thead><tr><th>When</th><th>Action</th><th>By</th><th>Rule</th><th>Reason</th></tr></thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{(MODERATION_LOG_ACTIONS as Record<string, string>)[e.action] ?? e.action}</td>
                  <td>{e.actor_name ?? "Council (automatic rule)"}</td>
                  <td>{e.rule ? moderationRuleLabel(e.rule) : ""}{e.policy_version ? ` (policy v${e.policy_version})` : ""}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label="Log pages">
        {page > 1 ? <Link to={pageLink(page - 1)}>← Newer</Link> : null}
        {hasNext ? <Link to={pageLink(page + 1)}>Older →</Link> : null}
      </nav>
    </>
  );
}
