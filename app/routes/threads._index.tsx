import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { renderToStaticMarkup } from "react-dom/server";
import { ThreadList, ThreadListItem } from "~/components/thread-list";
import { threadListMarkup } from "~/forum/forum-version.server";
import { markupOnce } from "~/platform/request-context";
import { getDb } from "~/platform/db.server";
import { load, readFormData } from "~/platform/http.server";
import { setAreaFollow } from "~/forum/notifications.server";
import { requirePermission } from "~/accounts/session.server";
import { getThreadList } from "~/forum/threads.server";
import { followSchema } from "~/forum/schemas/post";

export const meta: MetaFunction = () => [{ title: "Threads · Council" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const params = new URL(request.url).searchParams;
  const filter = {
    lifecycleArea: params.get("area") || undefined,
    discipline: params.get("discipline") || undefined,
    maturityStage: params.get("stage") || undefined,
    limit: 50,
  };
  const db = getDb();
  const { framework, threads, followingArea } = await getThreadList(db, actor, filter);
  const html = threadListMarkup(db, threads, (row) => renderToStaticMarkup(<ThreadListItem thread={row} />));
  // Sent once: as markup in a document, as data only to a client-side navigation.
  return { framework, followingArea, filter, empty: threads.length === 0, threadsHtml: markupOnce(context, "threads", html) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const formData = await readFormData(request);
  const parsed = followSchema.safeParse(Object.fromEntries(formData));
  const lifecycleArea = String(formData.get("lifecycleArea") ?? "");
  if (!parsed.success) return { ok: false };
  await load(() => setAreaFollow(getDb(), actor, { lifecycleArea, follow: parsed.data.intent === "follow" }));
  return { ok: true };
}

export default function Threads() {
  const { framework, empty, threadsHtml, filter, followingArea } = useLoaderData<typeof loader>();
  const area = framework.areas.find((a) => a.key === filter.lifecycleArea);
  const discipline = framework.disciplines.find((d) => d.key === filter.discipline);
  const newThread = `/threads/new?${new URLSearchParams({ ...(area ? { area: area.key } : {}), ...(discipline ? { discipline: discipline.key } : {}) })}`;
  return (
    <>
      <p><Link to="/">← Framework</Link></p>
      <h1>{[area?.name, discipline?.name].filter(Boolean).join(" · ") || "All threads"}</h1>
      {area ? <p className="muted">{area.description}</p> : null}
      <div className="toolbar">
        <Link to={newThread} className="button">Start a thread here</Link>
        {area ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="lifecycleArea" value={area.key} />
            <input type="hidden" name="intent" value={followingArea ? "unfollow" : "follow"} />
            <button type="submit" className="secondary">{followingArea ? `Stop following ${area.name}` : `Follow the ${area.name} lifecycle`}</button>
          </Form>
        ) : null}
      </div>
      {empty ? <p className="muted">No threads here yet.</p> : <ThreadList id="threads" html={threadsHtml} />}
    </>
  );
}
