// The floor for `npm run bench:pages`: plain node:http, one prepared better-sqlite3 query for a
// thread's 30 posts (the same columns the thread page reads), and react-dom/server renderToString of
// the same post list markup. No framework, no session: what the machine can do at best.
// Usage: tsx scripts/bench/floor-server.ts <database> <port>
import Database from "better-sqlite3";
import http from "node:http";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";

const [file, portArg] = process.argv.slice(2);
const sqlite = new Database(file!, { readonly: true });
sqlite.pragma("journal_mode = WAL");
const postsQuery = sqlite.prepare(`SELECT posts.id, posts.number, posts.body_html, posts.status, posts.created_at, posts.edited_at, posts.author_id,
    people.name AS author_name, people.title AS author_title, people.company AS author_company
  FROM posts JOIN people ON people.id = posts.author_id
  WHERE posts.thread_id = ? AND posts.number > ? AND posts.number <= ? AND posts.status IN ('published', 'deleted', 'removed')
  ORDER BY posts.number`);

type Row = { id: number; number: number; body_html: string; status: string; created_at: string; author_name: string; author_title: string; author_company: string };

function PostList({ posts }: { posts: Row[] }) {
  return h("article", null, posts.map((p) =>
    h("section", { key: p.id, id: `post-${p.number}`, className: "post", "aria-label": `Post ${p.number} by ${p.author_name}` },
      h("header", null,
        h("strong", null, p.author_name),
        h("span", { className: "meta" }, `${p.author_title}, ${p.author_company}`),
        h("a", { className: "meta", href: `#post-${p.number}` }, `#${p.number} · ${p.created_at}`)),
      h("div", { className: "body", dangerouslySetInnerHTML: { __html: p.body_html } }))));
}

http.createServer((req, res) => {
  const match = /^\/threads\/(\d+)/.exec(req.url ?? "");
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const posts = postsQuery.all(Number(match[1]), 0, 30) as Row[];
  const html = "<!DOCTYPE html>" + renderToString(h("html", null, h("body", null, h(PostList, { posts }))));
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
}).listen(Number(portArg), () => process.send?.("ready"));
