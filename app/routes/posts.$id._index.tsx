import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/lib/db.server";
import { load } from "~/lib/http.server";
import { locatePost } from "~/lib/posts.server";
import { idParam } from "~/lib/route-params";
import { requirePermission } from "~/lib/session.server";
import { postPath } from "~/lib/post-links";

// A post's permanent address: sends the member to the page of its thread that holds it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const post = await load(() => locatePost(getDb(), actor, idParam(params.id, "post")));
  throw redirect(postPath(post.threadId, post.number));
}
