// Client-side navigation for plain links, one handler for a whole region: a click on a same-site link inside it is
// routed like Remix's <Link>, without a router hook per link. The header's dozen <NavLink>s cost about half a
// millisecond of server rendering on every page; as plain anchors they cost next to nothing, and work without
// JavaScript as before.
import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";

export function useClientNavigation() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    const link = (event.target as Element).closest("a");
    const href = link?.getAttribute("href");
    if (!link || !href?.startsWith("/") || href.startsWith("//") || link.target || link.hasAttribute("download")) return;
    event.preventDefault();
    navigate(href);
  };
}

/** Whether a link to `to` names the page at `pathname` (as NavLink's "active"): the page itself or, unless `end`, a page under it. */
export const isCurrentPage = (pathname: string, to: string, end = false) =>
  pathname === to || (!end && pathname.startsWith(to.endsWith("/") ? to : `${to}/`));
