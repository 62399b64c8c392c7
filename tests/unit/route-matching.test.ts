// The router the server runs (its CommonJS build, which @remix-run/server-runtime requires) carries Council's patch,
// patches/@remix-run+router+1.23.3.patch: matchRoutes remembers its answers per route table and path. They are the
// router's own (its unpatched ES build answers the same), and each caller gets its own copy.
import { createRequire } from "node:module";
import type { AgnosticRouteObject } from "@remix-run/router";
// @ts-expect-error: the ES build's file has no types of its own (they are the package's)
import { matchRoutes as unpatchedMatchRoutes } from "@remix-run/router/dist/router.js";
import { describe, expect, it } from "vitest";

type MatchRoutes = typeof import("@remix-run/router").matchRoutes;
const serverRouter = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes };
const unpatched = unpatchedMatchRoutes as MatchRoutes;

const table = (): AgnosticRouteObject[] => [{
  id: "root", path: "", children: [
    { id: "home", index: true },
    { id: "thread", path: "threads/:id" },
    { id: "threads", path: "threads" },
    { id: "post", path: "posts/:id/edit" },
    { id: "splat", path: "*" },
  ],
}];

describe("the server's route matching (patched router)", () => {
  const routes = table();
  it.each(["/", "/threads", "/threads/42", "/threads/43?page=2", "/posts/7/edit", "/nowhere/at/all", "/threads/42"])("%s matches as the router does", (path) => {
    for (let i = 0; i < 2; i++) expect(serverRouter.matchRoutes(routes, path)).toEqual(unpatched(routes, path));
  });

  it("hands each caller its own copy", () => {
    const first = serverRouter.matchRoutes(routes, "/threads/42")!;
    (first[1]!.params as Record<string, string>).id = "changed";
    expect(serverRouter.matchRoutes(routes, "/threads/42")![1]!.params.id).toBe("42");
  });

  it("remembers: the patch is applied (a table changed in place, which the server never does, is not looked at again)", () => {
    const changing = table();
    expect(serverRouter.matchRoutes(changing, "/chapters")!.at(-1)!.route.id).toBe("splat");
    changing[0]!.children!.push({ id: "chapters", path: "chapters" });
    expect(unpatched(changing, "/chapters")!.at(-1)!.route.id).toBe("chapters");
    expect(serverRouter.matchRoutes(changing, "/chapters")!.at(-1)!.route.id).toBe("splat");
  });
});

describe("the server's route tree, made once per build (patched @remix-run/react and react-router-dom)", () => {
  const load = createRequire(import.meta.url);
  it("converts a route table once: the same table gives the same data routes on every render", () => {
    const { createStaticRouter } = load("react-router-dom/server") as typeof import("react-router-dom/server");
    const routes = table();
    const context = { basename: "/", location: { pathname: "/threads/42", search: "", hash: "", state: null, key: "default" }, matches: [], loaderData: {}, actionData: null, errors: null, statusCode: 200, loaderHeaders: {}, actionHeaders: {}, activeDeferreds: null };
    const first = createStaticRouter(routes, context as never).routes;
    expect(createStaticRouter(routes, context as never).routes).toBe(first);
    expect(createStaticRouter(table(), context as never).routes).not.toBe(first);
  });
  it("RemixServer keeps the route tree per build manifest", () => {
    // The render needs a whole server build to be observed; the e2e suite renders every page through it.
    const source = load("node:fs").readFileSync(load.resolve("@remix-run/react/dist/server.js"), "utf8") as string;
    expect(source).toContain("rememberedServerRoutes.get(manifest.routes)");
  });
});
