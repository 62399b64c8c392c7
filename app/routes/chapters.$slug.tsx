import { data, type LinksFunction, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { actOnChapter, getChapterPage } from "~/governance/chapters.server";
import { getDb } from "~/platform/db.server";
import { Conflict } from "~/platform/errors";
import { failureOf, parseForm } from "~/platform/forms";
import { failure, load, runAction, readFormData } from "~/platform/http.server";
import { requirePermission } from "~/accounts/session.server";
import { formatDate, formatDateTime } from "~/platform/time";
import { chapterActionSchema } from "~/governance/schemas/chapters";
import chaptersCss from "~/chapters.css?url";
import { WebLink } from "~/components/web-link";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: chaptersCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.chapter.name ?? "Chapter"} chapter · Council` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  return load(() => getChapterPage(getDb(), actor, params.slug ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const formData = await readFormData(request);
  const parsed = parseForm(chapterActionSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    try {
      return { ok: true as const, ...(await actOnChapter(getDb(), actor, params.slug ?? "", parsed.data)) };
    } catch (error) {
      // A conflict (a president leaving, a cancelled gathering) is told beside the button pressed.
      if (error instanceof Conflict) return failure(formData, error.message, {}, 409);
      throw error;
    }
  });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Gathering = Page["upcoming"][number];

export default function ChapterPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = failureOf(result);
  const notice = result && "notice" in result ? result.notice : undefined;
  const errorFor = (intent: string, gatheringId?: number) =>
    failed && failed.values.intent === intent && (gatheringId == null || failed.values.gatheringId === String(gatheringId)) ? failed.formError : undefined;
  const { chapter, isMember, joined, inAnotherChapter, president, members, threads, upcoming, past, canManageGatherings, canAppoint } = page;
  return (
    <>
      <p><Link to="/chapters">← Chapters</Link></p>
      <h1>{chapter.name} chapter</h1>
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      {chapter.description ? <p>{chapter.description}</p> : null}
      <p className="meta">
        {members.length === 1 ? "1 member" : `${members.length} members`} · {president ? <>president <strong>{president.name}</strong></> : "no president yet"}
      </p>
      <Form method="post" className="chapter-membership">
        <input type="hidden" name="intent" value={joined ? "leave" : "join"} />
        <button type="submit" className={joined ? "secondary" : undefined}>
          {joined ? "Leave this chapter" : inAnotherChapter ? "Move to this chapter" : "Join this chapter"}
        </button>
        {inAnotherChapter ? <span className="hint">You belong to one chapter at a time; moving leaves your current one.</span> : null}
        <InlineError message={errorFor("leave") ?? errorFor("join")} />
      </Form>

      {canAppoint ? <AppointPresident members={members} presidentId={president?.id} error={failed?.fieldErrors.personId ?? errorFor("appoint")} /> : null}

      <h2>Gatherings</h2>
      {canManageGatherings ? <p><Link to={`/chapters/${chapter.slug}/gatherings/new`} className="button">Hold a gathering</Link></p> : null}
      {upcoming.length === 0 ? <p className="muted">No gatherings are planned yet.</p> : (
        <ul className="thread-list" aria-label="Upcoming gatherings">
          {upcoming.map((g) => (
            <GatheringItem key={g.id} gathering={g} slug={chapter.slug} isMember={isMember} canManage={canManageGatherings} error={errorFor(g.attending ? "unattend" : "attend", g.id)} />
          ))}
        </ul>
      )}
      {past.length ? (
        <details>
          <summary>Past and cancelled gatherings ({past.length})</summary>
          <ul className="thread-list" aria-label="Past gatherings">
            {past.map((g) => (
              <li key={g.id}>
                <strong>{g.title}</strong> {g.cancelled_at ? <span className="status rejected">Cancelled</span> : null}
                <div className="meta">{formatDate(g.starts_at)} · {g.attendees.length} attending</div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <h2>Discussions</h2>
      {threads === null ? (
        <p className="muted">This chapter's discussions are open to its members. Join the chapter to read them.</p>
      ) : threads.length === 0 ? (
        <p className="muted">No chapter discussions yet.</p>
      ) : (
        <ul className="thread-list" aria-label="Chapter discussions">
          {threads.map((t) => (
            <li key={t.id}>
              <Link to={`/threads/${t.id}`}>{t.title}</Link>
              <div className="meta">{t.post_count} posts · by {t.author_name} · last activity {formatDate(t.last_post_at)}</div>
            </li>
          ))}
        </ul>
      )}

      <h2>Members</h2>
      {members.length === 0 ? <p className="muted">No one has joined this chapter yet.</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
          <table>
            <thead><tr><th>Name</th><th>Title</th><th>Company</th></tr></thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}><td>{m.name}{m.id === president?.id ? <span className="badge">President</span> : null}</td><td>{m.title}</td><td>{m.company}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function GatheringItem({ gathering: g, slug, isMember, canManage, error }: { gathering: Gathering; slug: string; isMember: boolean; canManage: boolean; error?: string }) {
  const submitting = useNavigation().formData?.get("gatheringId") === String(g.id);
  const count = g.attendees.length;
  return (
    <li aria-label={g.title}>
      <strong>{g.title}</strong>
      <div className="meta">
        {formatDateTime(g.starts_at)}
        {g.place ? <> · {g.place}</> : null}
        {g.link ? <> · <WebLink href={g.link} /></> : null}
      </div>
      <p>
        {count === 0 ? "No one has said they will attend yet." : `${count} attending: ${g.attendees.map((a) => a.name).join(", ")}`}
      </p>
      {isMember ? (
        <Form method="post" className="gathering-rsvp">
          <input type="hidden" name="intent" value={g.attending ? "unattend" : "attend"} />
          <input type="hidden" name="gatheringId" value={g.id} />
          <button type="submit" className={g.attending ? "secondary" : undefined} disabled={submitting}>
            {g.attending ? "No longer attending" : "I will attend"}
          </button>
          <InlineError message={error} />
        </Form>
      ) : null}
      {canManage ? (
        <p className="meta">
          <Link to={`/chapters/${slug}/gatherings/${g.id}/edit`}>Edit</Link> · <Link to={`/chapters/${slug}/gatherings/${g.id}/cancel`}>Cancel gathering</Link>
        </p>
      ) : null}
    </li>
  );
}

function AppointPresident({ members, presidentId, error }: { members: Page["members"]; presidentId?: number; error?: string }) {
  return (
    <Form method="post" className="card stack" aria-label="Appoint the chapter president">
      <input type="hidden" name="intent" value="appoint" />
      <div className="field">
        <label htmlFor="field-personId">New chapter president</label>
        <span id="field-personId-hint" className="hint">A member of this chapter. Appointing someone replaces the current president.</span>
        <select id="field-personId" name="personId" defaultValue={presidentId ?? ""} aria-invalid={error ? true : undefined}
          aria-describedby={error ? "field-personId-hint field-personId-error" : "field-personId-hint"}>
          <option value="">Choose a member…</option>
          {members.map((m) => <option key={m.id} value={m.id}>{m.name} — {m.title}, {m.company}</option>)}
        </select>
        {error ? <span id="field-personId-error" className="error" role="alert">{error}</span> : null}
      </div>
      <button type="submit" disabled={members.length === 0}>Appoint president</button>
      {members.length === 0 ? <p className="muted">Members must join the chapter before one can be appointed.</p> : null}
    </Form>
  );
}

function InlineError({ message }: { message?: string }) {
  return message ? <span className="error" role="alert">{message}</span> : null;
}
