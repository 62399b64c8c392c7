import type { LoaderFunctionArgs } from "@remix-run/node";
import { datasetCsv, isDatasetName } from "~/governance/dashboard.server";
import { getDb } from "~/platform/db.server";
import { NotFound } from "~/platform/errors";
import { load } from "~/platform/http.server";
import { requirePermission } from "~/accounts/session.server";

// /dashboard/<dataset>.csv — one chart's numbers, founders only. A resource route (no UI).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "view_dashboard");
  const name = /^([a-z-]+)\.csv$/.exec(params.file ?? "")?.[1] ?? "";
  const csv = await load(async () => {
    if (!isDatasetName(name)) throw new NotFound("There is no such export.");
    return datasetCsv(getDb(), name);
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="council-${name}-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
