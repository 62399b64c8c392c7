import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/platform/db.server";
import { load } from "~/platform/http.server";
import { locatePost } from "~/forum/posts.server";
import { idParam } from "~/platform/route-params";
import { requirePermission } from "~/accounts/session.server";
import { postPath } from "~/forum/post-links";

// A post's permanent address: sends the member to the page of its thread that holds it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const post = await load(() => locatePost(getDb(), actor, idParam(params.id, "post")));
  throw redirect(postPath(post.threadId, post.number));
}
