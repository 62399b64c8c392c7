// The posts a thread page shows, read back from its markup (app/components/post-list.tsx) as a member would read
// them: tests assert on what is shown, not on data the page might leave out.
export type ShownPost = {
  /** From the post's "Link" (tombstones have none). */
  id: number | null;
  number: number;
  status: "published" | "held" | "rejected" | "hidden" | "deleted" | "removed";
  /** The body's markup; "" for a tombstone. */
  body_html: string;
  author_name: string;
  author_company: string;
  flagged_by_me: boolean;
  /** Whether "Why it was held" is shown. */
  hold_reasons: boolean;
};

const decode = (s: string) => s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function statusOf(section: string): ShownPost["status"] {
  if (section.includes("This post was deleted by its author.")) return "deleted";
  if (section.includes("This post was removed by a moderator.")) return "removed";
  if (section.includes("Held for review — only you can see it")) return "held";
  if (section.includes("Not published — only you can see it")) return "rejected";
  if (section.includes("Hidden pending review after flags")) return "hidden";
  return "published";
}

export function postsShown(html: string): ShownPost[] {
  return html.split('<section id="post-').slice(1).map((section) => {
    const author = /aria-label="Post \d+ by ([^"]*)"/.exec(section)?.[1] ?? "";
    const meta = /<header><strong>[^<]*<\/strong><span class="meta">([^<]*)<\/span>/.exec(section)?.[1];
    return {
      id: Number(/<a href="\/posts\/(\d+)" aria-label="Link to post/.exec(section)?.[1]) || null,
      number: Number(section.slice(0, section.indexOf('"'))),
      status: statusOf(section),
      body_html: /<div class="body">([\s\S]*?)<\/div>(?:<div class="warning"|<p class="post-actions"|<form|<\/section>)/.exec(section)?.[1] ?? "",
      author_name: decode(author),
      author_company: meta ? decode(meta.slice(meta.lastIndexOf(", ") + 2)) : "",
      flagged_by_me: section.includes(">Withdraw flag</button>"),
      hold_reasons: section.includes("Why it was held:"),
    };
  });
}
