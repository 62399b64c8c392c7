// Remix matches the URL against the route table several times per request, and @remix-run/router's matchRoutes
// flattens, ranks and compiles the whole table (about seventy routes) on every call: a seventh of a thread page's
// CPU in a profile (`compilePath`, `flattenRoute`, `computeScore`). The table never changes while the server runs, so
// the server runtime's call (matchServerRoutes, through the module's exports) is answered from memory per route table
// (by identity) and pathname. Each answer is a fresh copy, so no caller can change another's. Calls inside the router
// module itself (the static handler's) cannot be reached this way and still do the work.
import { createRequire } from "node:module";

type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: unknown };
type MatchRoutes = (routes: readonly unknown[], location: string | { pathname?: string }, basename?: string) => Match[] | null;

const MAX_PATHS = 5000;
let installed = false;

/** Installs the memo on the router module the server runtime uses; idempotent. */
export function rememberRouteMatches() {
  if (installed) return;
  installed = true;
  const router = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes };
  router.matchRoutes = memoizeMatchRoutes(router.matchRoutes);
}

export function memoizeMatchRoutes(matchRoutes: MatchRoutes): MatchRoutes {
  const tables = new WeakMap<readonly unknown[], Map<string, Match[] | null>>();
  return (routes, location, basename) => {
    const pathname = typeof location === "string" ? location.split(/[?#]/)[0]! : location.pathname ?? "/";
    let known = tables.get(routes);
    if (!known) tables.set(routes, (known = new Map()));
    const key = `${basename ?? "/"}\u0000${pathname}`;
    let matches = known.get(key);
    if (matches === undefined) {
      matches = matchRoutes(routes, location, basename);
      if (known.size >= MAX_PATHS) known.delete(known.keys().next().value!);
      known.set(key, matches);
    }
    return matches && matches.map((m) => ({ ...m, params: { ...m.params } }));
  };
}
