import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ROLE_LEVELS, MEMBER_TYPES } from "../../db/schema";
import { Pager } from "~/components/pager";
import { getDb } from "~/platform/db.server";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "~/forum/framework";
import { listChapters, listMembers } from "~/forum/members.server";
import { requirePermission } from "~/accounts/session.server";
import { membersSchema } from "~/forum/schemas/search";

export const meta: MetaFunction = () => [{ title: "Members · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const input = membersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const [list, chapters] = await Promise.all([
    listMembers(db, actor, { q: input.q, roleLevel: input.level, memberType: input.type, chapterId: input.chapter }, input.page),
    listChapters(db),
  ]);
  return { ...list, chapters, input };
}

export default function Members() {
  const { members, chapters, input, page, hasNext } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Members</h1>
      <p className="muted">Everyone in the council today. Executives decide when and with whom they engage; please respect that.</p>
      <Form method="get" className="card filters" aria-label="Find members">
        <div className="field">
          <label htmlFor="members-q">Name, company or title</label>
          <input id="members-q" type="search" name="q" defaultValue={input.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="members-level">Role level</label>
          <select id="members-level" name="level" defaultValue={input.level ?? ""}>
            <option value="">Any level</option>
            {ROLE_LEVELS.map((l) => <option key={l} value={l}>{ROLE_LEVEL_LABELS[l]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="members-type">Member type</label>
          <select id="members-type" name="type" defaultValue={input.type ?? ""}>
            <option value="">Any type</option>
            {MEMBER_TYPES.map((t) => <option key={t} value={t}>{MEMBER_TYPE_LABELS[t]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="members-chapter">Chapter</label>
          <select id="members-chapter" name="chapter" defaultValue={input.chapter ? String(input.chapter) : ""}>
            <option value="">Any chapter</option>
            {chapters.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
        <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit">Find members</button></div>
      </Form>
      {members.length === 0 ? (
        <p>No active member matches. Try fewer words or remove a filter.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
          <table>
            <thead><tr><th>Name</th><th>Title and company</th><th>Role level</th><th>Member type</th><th>Chapter</th></tr></thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td><Link to={`/members/${m.id}`}>{m.name}</Link></td>
                  <td>{m.title}, {m.company}</td>
                  <td>{ROLE_LEVEL_LABELS[m.role_level]}</td>
                  <td>{MEMBER_TYPE_LABELS[m.member_type]}</td>
                  <td>{m.chapter_name ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path="/members" query={input} page={page} hasNext={hasNext} label="Member pages" />
    </>
  );
}
