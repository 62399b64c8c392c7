// Web addresses people give us (a profile, a gathering's link) are stored and shown as links only when
// they are http: or https: — never javascript:, data: or any other scheme a browser would run or open.
import { z } from "zod";

/** Whether `value` is an absolute http(s) URL with a host. */
export function isWebUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** A zod string that must be an http(s) address (trimmed, at most `max` characters). */
export const webUrl = (message: string, max = 500) =>
  z.string().trim().max(max, `Keep the address under ${max} characters.`).refine((v) => isWebUrl(v) && !/\s/.test(v), message);
