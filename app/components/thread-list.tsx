// Lists of threads with the member's read state, sent as markup: the server renders each row once per its content and
// read state (threadListMarkup) and every member who sees a row alike shares it. Plain links: the list routes their
// clicks (client-navigation.ts).
import { useClientNavigation } from "~/components/client-navigation";
import { ServerMarkup } from "~/components/server-markup";
import { formatDate } from "~/platform/time";

export type ThreadListRow = {
  id: number;
  title: string;
  post_count: number;
  last_post_at: string;
  author_name: string;
  unopened: boolean;
  unreadCount: number;
  /** Where the thread sits in the framework ("Area · Discipline · "), on lists that mix cells. */
  where?: string;
};

/** One thread: "New" (never opened) or "N new posts" since the member last read it. */
export function ThreadListItem({ thread: t }: { thread: ThreadListRow }) {
  return (
    <li className={t.unopened || t.unreadCount ? "has-new" : undefined}>
      <a href={`/threads/${t.id}`}>{t.title}</a>{" "}
      {t.unreadCount ? <span className="status unread">{t.unreadCount} new {t.unreadCount === 1 ? "post" : "posts"}</span>
        : t.unopened ? <span className="status unread">New</span> : null}
      <div className="meta">{t.where}{t.post_count} {t.post_count === 1 ? "post" : "posts"} · by {t.author_name} · last activity {formatDate(t.last_post_at)}</div>
    </li>
  );
}

/** The rows' markup from the loader (`html`; null when the document already carries it under `id`). */
export function ThreadList({ id, html }: { id: string; html: string | null }) {
  const navigate = useClientNavigation();
  return <div onClick={navigate}><ServerMarkup as="ul" id={id} className="thread-list" html={html} /></div>;
}
