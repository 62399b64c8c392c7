import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/platform/db.server";
import { NotFound } from "~/platform/errors";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "~/forum/framework";
import { load } from "~/platform/http.server";
import { getMemberProfile } from "~/forum/members.server";
import { ROLE_LABELS } from "~/accounts/permissions";
import { requirePermission } from "~/accounts/session.server";
import { formatDate } from "~/platform/time";
import { FORMER_MEMBER_NAME } from "~/accounts/former-member";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.member?.name ?? (data?.former ? FORMER_MEMBER_NAME : "Member")} · Council` }];

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  return load(async () => {
    const parsed = paramsSchema.safeParse(params);
    if (!parsed.success) throw new NotFound("There is no member at this address.");
    return getMemberProfile(getDb(), actor, parsed.data.id);
  });
}

export default function MemberProfile() {
  const { member, roles, threads } = useLoaderData<typeof loader>();
  if (!member) {
    return (
      <article className="stack">
        <p><Link to="/members">← Members</Link></p>
        <h1>{FORMER_MEMBER_NAME}</h1>
        <p>This person has left the council. What they wrote stays where they wrote it, under “{FORMER_MEMBER_NAME}”.</p>
      </article>
    );
  }
  return (
    <article className="stack">
      <p><Link to="/members">← Members</Link></p>
      <header>
        <h1>{member.name}</h1>
        <p>{member.title}, {member.company}</p>
        <p className="meta">
          {ROLE_LEVEL_LABELS[member.role_level]} · {MEMBER_TYPE_LABELS[member.member_type]}
          {member.chapter_name ? ` · ${member.chapter_name} chapter` : ""} · member since {formatDate(member.joined_at)}
          {roles.filter((r) => r !== "member").map((r) => <span key={r} className="badge role">{ROLE_LABELS[r]}</span>)}
        </p>
      </header>
      <section aria-labelledby="recent-threads">
        <h2 id="recent-threads">Recent threads</h2>
        {threads.length === 0 ? (
          <p className="muted">No threads you can read yet.</p>
        ) : (
          <ul className="thread-list">
            {threads.map((t) => (
              <li key={t.id}>
                <Link to={`/threads/${t.id}`}>{t.title}</Link>
                <div className="meta">{t.post_count} posts · last activity {formatDate(t.last_post_at)}</div>
              </li>
            ))}
          </ul>
        )}
        <p><Link to={`/search?author=${encodeURIComponent(member.name)}`}>Search their posts</Link></p>
      </section>
    </article>
  );
}
