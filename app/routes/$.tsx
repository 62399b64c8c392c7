import type { LoaderFunctionArgs } from "@remix-run/node";
import { NotFound } from "~/platform/errors";
import { load } from "~/platform/http.server";

// Any address we do not know: a clear 404 page, never a stack trace.
export async function loader(_: LoaderFunctionArgs) {
  return load(async () => {
    throw new NotFound("There is no page at this address.");
  });
}

export default function CatchAll() {
  return null;
}
