// A thread page's posts, as static markup: rendered on the server once per page version and member variant (see
// postListVariant) and sent as HTML, so a busy thread costs React nothing per reader. Hence plain links and a plain
// form (a full-page POST, CSRF-checked by origin like every form): nothing here needs the client router.
import type { SharedPost } from "~/forum/thread-post";
import { formatDateTime } from "~/platform/time";

/** A post of the page with whether this member has an open flag on it. */
export type ListedPost = SharedPost & { flagged_by_me: boolean };

export type PostListProps = { threadId: number; page: number; posts: ListedPost[]; firstUnread: number | null; actorId: number; canReply: boolean };

/**
 * Everything personal the list's markup depends on, besides the page's content version: two members with the same
 * variant see the same markup. The posts shown are the public ones plus the member's own (so their ids say which);
 * their own posts also get an edit link; their open flags a withdraw button.
 */
export function postListVariant({ posts, firstUnread, actorId, canReply }: PostListProps): string {
  const own = posts.filter((p) => p.author_id === actorId).map((p) => p.id);
  const flagged = posts.filter((p) => p.flagged_by_me).map((p) => p.id);
  return `${canReply ? "r" : "-"}|${firstUnread ?? ""}|${own.join(",")}|${flagged.join(",")}`;
}

export function PostList({ threadId, page, posts, firstUnread, actorId, canReply }: PostListProps) {
  return posts.map((p) => (
    <section key={p.id} id={`post-${p.number}`} className={`post${p.number === firstUnread ? " first-unread" : ""}`} aria-label={`Post ${p.number} by ${p.author_name}`}>
      {p.number === firstUnread ? <p className="unread-marker" role="note">New since you last read</p> : null}
      <header>
        <strong>{p.author_name}</strong>
        {p.author_title ? <span className="meta">{p.author_title}, {p.author_company}</span> : null}
        <a className="meta" href={`#post-${p.number}`}>#{p.number} · {formatDateTime(p.created_at)}</a>
        {p.edited_at && p.status !== "deleted" ? <a className="meta" href={`/posts/${p.id}/history`}>edited · history</a> : null}
        {p.status === "held" ? <span className="status held">Held for review — only you can see it</span> : null}
        {p.status === "rejected" ? <span className="status held">Not published — only you can see it</span> : null}
        {p.status === "hidden" ? <span className="status held">Hidden pending review after flags — only you and moderators can see it</span> : null}
      </header>
      {p.status === "deleted" || p.status === "removed" ? (
        <p className="muted tombstone">{p.status === "deleted" ? "This post was deleted by its author." : "This post was removed by a moderator."}</p>
      ) : (
        <div className="body" dangerouslySetInnerHTML={{ __html: p.body_html }} />
      )}
      {p.status === "rejected" && p.rejection_reason ? (
        <div className="warning" role="note"><strong>A moderator rejected this post:</strong> {p.rejection_reason}
          <br />You can edit it and resubmit; it is checked again. Nothing you wrote is lost.</div>
      ) : null}
      {p.hold_reasons?.length ? (
        <div className="warning"><strong>Why it was held:</strong>
          <ul>{p.hold_reasons.map((r, i) => <li key={i}>{r.label}: “{r.excerpt}”</li>)}</ul>
        </div>
      ) : null}
      {p.status === "published" || p.status === "held" || p.status === "rejected" || p.status === "hidden" ? (
        <p className="post-actions">
          {canReply && p.status === "published" ? <a href={`/threads/${threadId}?page=${page}&quote=${p.id}#reply`}>Quote</a> : null}
          {p.author_id === actorId ? <a href={`/posts/${p.id}/edit`}>{p.status === "rejected" ? "Edit and resubmit" : "Edit or delete"}</a> : null}
          <a href={`/posts/${p.id}`} aria-label={`Link to post ${p.number}`}>Link</a>
          {/* The flag page shows the post and the reasons; a form under every post would weigh the page down. */}
          {p.status === "published" && p.author_id !== actorId && !p.flagged_by_me ? <a href={`/posts/${p.id}/flag`} aria-label={`Flag post ${p.number}`}>Flag</a> : null}
        </p>
      ) : null}
      {p.status === "published" && p.author_id !== actorId && p.flagged_by_me ? (
        <form method="post" action={`/posts/${p.id}/flag`} className="inline-form">
          <span className="meta">You flagged this post. </span>
          <button type="submit" name="intent" value="withdraw" className="link-button">Withdraw flag</button>
        </form>
      ) : null}
    </section>
  ));
}
