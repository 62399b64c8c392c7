import { NotFound } from "./errors";

/** A positive integer id from a route parameter, or a 404. */
export function idParam(value: string | undefined, what = "page"): number {
  const n = Number(value);
  if (!value || !Number.isInteger(n) || n <= 0) throw new NotFound(`There is no ${what} at this address.`);
  return n;
}

/** A positive integer from the query string, or undefined. */
export function intQuery(url: URL, name: string): number | undefined {
  const n = Number(url.searchParams.get(name));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
