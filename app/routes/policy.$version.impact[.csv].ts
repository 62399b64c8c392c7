import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/platform/db.server";
import { load } from "~/platform/http.server";
import { impactCsv, policyImpactReport } from "~/membership/policy.server";
import { requirePermission } from "~/accounts/session.server";

// /policy/:version/impact.csv — the impact report as a download. Founders only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage_policy");
  const version = Number(params.version);
  const report = await load(() => policyImpactReport(getDb(), actor, version));
  return new Response(impactCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="policy-v${version}-impact.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
