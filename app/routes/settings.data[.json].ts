import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/accounts/session.server";
import { exportPersonalData } from "~/membership/personal-data.server";
import { getDb } from "~/platform/db.server";
import { load } from "~/platform/http.server";

// /settings/data.json — the member's own data as a download.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage_own_account");
  const data = await load(() => exportPersonalData(getDb(), actor));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="council-my-data-${data.exportedAt.slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
