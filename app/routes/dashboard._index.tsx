import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BarChart, ColumnChart, Heatmap } from "~/components/charts";
import { FormError } from "~/components/field";
import { MODERATION_SERIES, type Count } from "~/governance/dashboard";
import { getDashboard } from "~/governance/dashboard.server";
import { getDb } from "~/platform/db.server";
import { sendDigestNow } from "~/governance/digest.server";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { requirePermission } from "~/accounts/session.server";
import { formatDateTime } from "~/platform/time";
import { sendDigestSchema } from "~/governance/schemas/digest";

export const meta: MetaFunction = () => [{ title: "Dashboard · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "view_dashboard");
  return getDashboard(getDb());
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "view_dashboard");
  const formData = await readFormData(request);
  const parsed = parseForm(sendDigestSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => ({ ok: true as const, ...(await sendDigestNow(getDb(), actor)) }));
}

function CountTable({ caption, head, rows }: { caption: string; head: string; rows: Count[] }) {
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead><tr><th scope="col">{head}</th><th scope="col">Count</th></tr></thead>
      <tbody>{rows.map((r) => <tr key={r.key}><th scope="row">{r.label}</th><td>{r.count}</td></tr>)}</tbody>
    </table>
  );
}

function Csv({ name }: { name: string }) {
  return <p><a href={`/dashboard/${name}.csv`} download>Download CSV</a></p>;
}

function CountSection({ id, title, head, rows, csv, description }: { id: string; title: string; head: string; rows: Count[]; csv: string; description: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="chart-pair">
        <BarChart title={title} description={description} data={rows.map((r) => ({ label: r.label, value: r.count }))} />
        <div><CountTable caption={title} head={head} rows={rows} /><Csv name={csv} /></div>
      </div>
    </section>
  );
}

const pct = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
const days = (n: number | null) => (n === null ? "—" : `${n} days`);

/** The nightly backup: when the last good copy was made, and a failure since then, loudly. */
function BackupSection({ backup }: { backup: ReturnType<typeof useLoaderData<typeof loader>>["backup"] }) {
  const last = backup.lastOk;
  return (
    <section aria-labelledby="backups">
      <h2 id="backups">Backups</h2>
      {backup.failure ? (
        <p className="warning" role="alert">
          <strong>The last backup failed</strong> ({formatDateTime(backup.failure.at)}): {backup.failure.error} The server tries again
          within 10 minutes; see "Backups" in the README.
        </p>
      ) : null}
      {last ? (
        <p>Last good backup: {formatDateTime(last.at)} ({Math.round(last.ageHours)} hours ago){last.sizeBytes ? `, ${(last.sizeBytes / 1_048_576).toFixed(1)} MB` : ""}{last.file ? <> in <code>{last.file}</code></> : null}.</p>
      ) : (
        <p className="warning">No backup has been made yet. The server makes one a minute after it starts, then every night.</p>
      )}
    </section>
  );
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const submitting = useNavigation().state === "submitting";
  const t = d.decisions;
  const areas = [...new Map(d.activity.map((c) => [c.lifecycleArea, { key: c.lifecycleArea, label: c.areaName }])).values()];
  const disciplines = [...new Map(d.activity.map((c) => [c.discipline, { key: c.discipline, label: c.disciplineName }])).values()];
  const cell = (area: string, discipline: string) => d.activity.find((c) => c.lifecycleArea === area && c.discipline === discipline);
  return (
    <>
      <h1>Founders' dashboard</h1>
      <p className="muted">The health of the council, as of {formatDateTime(d.generatedAt)}. Active members only.</p>
      <BackupSection backup={d.backup} />

      <CountSection id="role-levels" title="Members by role level" head="Role level" rows={d.roleLevels} csv="members-by-role-level"
        description="Active members by role level." />
      <CountSection id="member-types" title="Members by member type" head="Member type" rows={d.memberTypes} csv="members-by-member-type"
        description="Active members by member type." />
      <CountSection id="chapters" title="Members by chapter" head="Chapter" rows={d.chapters} csv="members-by-chapter"
        description="Active members by chapter." />
      <CountSection id="funnel" title="Application funnel" head="Stage" rows={d.funnel} csv="application-funnel"
        description="Every application, and where each one is now." />

      <section aria-labelledby="decisions">
        <h2 id="decisions">Time to decision</h2>
        <p>We promise applicants a decision within <strong>{t.reviewWindowDays} days</strong>.</p>
        <div className="chart-pair">
          <BarChart title="Days to decision against the review window"
            description={`The promised review window beside the median and 90th percentile days to a decision${t.decided ? "" : " (no decisions yet, shown as 0)"}.`}
            data={[
              { label: "Promised window", value: t.reviewWindowDays },
              { label: "Median", value: t.medianDays ?? 0 },
              { label: "90th percentile", value: t.p90Days ?? 0 },
            ]} />
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
            <table>
              <caption className="visually-hidden">Time to decision</caption>
              <tbody>
                <tr><th scope="row">Promised review window</th><td>{days(t.reviewWindowDays)}</td></tr>
                <tr><th scope="row">Median</th><td>{days(t.medianDays)}</td></tr>
                <tr><th scope="row">90th percentile</th><td>{days(t.p90Days)}</td></tr>
                <tr><th scope="row">Decided within the window</th><td>{pct(t.withinWindowShare)} ({t.decidedWithinWindow} of {t.decided})</td></tr>
                <tr><th scope="row">Pending and overdue</th><td>{t.overdue}</td></tr>
              </tbody>
            </table>
            <Csv name="time-to-decision" />
          </div>
        </div>
      </section>

      <section aria-labelledby="moderation">
        <h2 id="moderation">Moderation over the last 12 weeks</h2>
        <div className="chart-pair">
          <ColumnChart title="Moderation per week" description="Posts held by the pitch check, posts hidden by flags, flags upheld and strikes recorded, per week for the last 12 weeks."
            periods={d.moderation.map((w) => w.weekStart)} series={MODERATION_SERIES.map((s) => ({ label: s.label, values: d.moderation.map((w) => w[s.key]) }))} />
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
            <table>
              <caption className="visually-hidden">Moderation per week</caption>
              <thead><tr><th scope="col">Week of</th>{MODERATION_SERIES.map((s) => <th key={s.key} scope="col">{s.label}</th>)}</tr></thead>
              <tbody>{d.moderation.map((w) => <tr key={w.weekStart}><th scope="row">{w.weekStart}</th>{MODERATION_SERIES.map((s) => <td key={s.key}>{w[s.key]}</td>)}</tr>)}</tbody>
            </table>
            <Csv name="moderation-by-week" />
          </div>
        </div>
      </section>

      <section aria-labelledby="activity">
        <h2 id="activity">Activity by framework cell, last 90 days</h2>
        <div className="chart-pair">
          <Heatmap title="Posts by framework cell" description={`Posts in the last 90 days per lifecycle area and discipline. ${d.activity.map((c) => `${c.areaName} × ${c.disciplineName}: ${c.posts}`).join("; ")}.`}
            rows={areas} columns={disciplines} value={(a, di) => cell(a, di)?.posts ?? 0} />
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
            <table>
              <caption className="visually-hidden">Threads and posts by framework cell</caption>
              <thead><tr><th scope="col">Lifecycle area</th><th scope="col">Discipline</th><th scope="col">Threads</th><th scope="col">Posts</th></tr></thead>
              <tbody>{d.activity.map((c) => <tr key={`${c.lifecycleArea}:${c.discipline}`}><th scope="row">{c.areaName}</th><td>{c.disciplineName}</td><td>{c.threads}</td><td>{c.posts}</td></tr>)}</tbody>
            </table>
            <Csv name="activity-by-cell" />
          </div>
        </div>
      </section>

      <section aria-labelledby="digest" className="card">
        <h2 id="digest">Email digest</h2>
        <p>Members get the digest weekly unless they chose otherwise. You can also send it now to every subscribed member who has something new.</p>
        {result && "sent" in result ? <p className="notice" role="status">The digest was sent to {result.sent} {result.sent === 1 ? "member" : "members"}.</p> : null}
        <Form method="post">
          <FormError message={failure?.fieldErrors.confirm ?? failure?.formError} />
          <label className="choice"><input type="checkbox" name="confirm" value="yes" /> Yes, send the digest to every subscribed member now</label>
          <button type="submit" disabled={submitting}>{submitting ? "Sending…" : "Send digest now"}</button>
        </Form>
      </section>
    </>
  );
}
