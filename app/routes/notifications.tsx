import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server";
import { load } from "~/platform/http.server";
import { getNotificationsPage, markNotificationsRead } from "~/forum/notifications.server";
import { requirePermission } from "~/accounts/session.server";
import { formatDateTime } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Notifications · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  return load(() => getNotificationsPage(getDb(), actor));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  await load(() => markNotificationsRead(getDb(), actor));
  return { ok: true };
}

const KIND_LABEL = { reply: "replied in", mention: "mentioned you in", new_thread: "started" } as const;

export default function Notifications() {
  const { notifications, followedAreas, areas } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => !n.read_at).length;
  return (
    <section>
      <h1>Notifications</h1>
      <p className="muted">
        Replies in threads you follow (writing in a thread follows it), new threads in lifecycle areas you follow, and
        mentions: write @first.last (a member’s name in lower case, accents dropped, e.g. @priya.raman).
      </p>
      {unread ? (
        <Form method="post"><button type="submit" className="secondary">Mark all {unread} as read</button></Form>
      ) : null}
      {notifications.length === 0 ? <p>Nothing yet. Follow a thread or a lifecycle area to hear about new posts.</p> : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.read_at ? "read" : "unread"}>
              {n.read_at ? null : <span className="status">New</span>}{" "}
              <strong>{n.actor_name ?? "Someone"}</strong> {KIND_LABEL[n.kind]} <Link to={`/posts/${n.post_id}`}>{n.thread_title}</Link>
              <div className="meta">{formatDateTime(n.created_at)} · {n.excerpt}</div>
            </li>
          ))}
        </ul>
      )}
      <h2>Lifecycle areas you follow</h2>
      <p>
        {followedAreas.length
          ? areas.filter((a) => followedAreas.includes(a.key)).map((a) => a.name).join(", ")
          : "None yet."}{" "}
        <span className="muted">Follow an area from its page in the framework.</span>
      </p>
    </section>
  );
}
