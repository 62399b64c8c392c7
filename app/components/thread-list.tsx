import type { ReactNode } from "react";
import { useClientNavigation } from "~/components/client-navigation";
import { formatDate } from "~/platform/time";

export type ThreadListRow = {
  id: number;
  title: string;
  post_count: number;
  last_post_at: string;
  author_name: string;
  unopened: boolean;
  unreadCount: number;
  lifecycle_area?: string;
  discipline?: string;
};

/** Threads with their read state: "New" (never opened) or "N new posts" since the member last read it. */
export function ThreadList({ threads, meta }: { threads: ThreadListRow[]; meta?: (t: ThreadListRow) => ReactNode }) {
  const navigate = useClientNavigation();
  return (
    <ul className="thread-list" onClick={navigate}>
      {threads.map((t) => (
        <li key={t.id} className={t.unopened || t.unreadCount ? "has-new" : undefined}>
          <a href={`/threads/${t.id}`}>{t.title}</a>{" "}
          {t.unreadCount ? <span className="status unread">{t.unreadCount} new {t.unreadCount === 1 ? "post" : "posts"}</span>
            : t.unopened ? <span className="status unread">New</span> : null}
          <div className="meta">{meta ? meta(t) : null}{t.post_count} {t.post_count === 1 ? "post" : "posts"} · by {t.author_name} · last activity {formatDate(t.last_post_at)}</div>
        </li>
      ))}
    </ul>
  );
}
