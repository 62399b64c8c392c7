import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~/lib/db.server";
import { listModerationLog } from "~/lib/moderation.server";
import { requirePermission } from "~/lib/session.server";
import { formatDateTime } from "~/lib/time";
import { ruleLabel } from "~/schemas/revoke";

export const meta: MetaFunction = () => [{ title: "Moderation log · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read_council");
  return { entries: await listModerationLog(getDb()) };
}

export default function ModerationLog() {
  const { entries } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Moderation log</h1>
      <p className="muted">Every moderation action: what was done, by whom, under which rule. Private details are not shown.</p>
      {entries.length === 0 ? (
        <p>No moderation actions yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead><tr><th>When</th><th>Action</th><th>By</th><th>Rule</th><th>Reason</th></tr></thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.action}</td>
                  <td>{e.actor_name ?? "Council (policy)"}</td>
                  <td>{e.rule ? ruleLabel(e.rule) : ""}{e.policy_version ? ` (policy v${e.policy_version})` : ""}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
