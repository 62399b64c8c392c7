// The remembered route matcher answers exactly as @remix-run/router's matchRoutes, with a fresh copy each time.
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { memoizeMatchRoutes } from "../../app/platform/route-matching.server";

const routes: AgnosticRouteObject[] = [{
  id: "root", path: "", children: [
    { id: "home", index: true },
    { id: "thread", path: "threads/:id" },
    { id: "threads", path: "threads" },
    { id: "post", path: "posts/:id/edit" },
    { id: "splat", path: "*" },
  ],
}];

describe("remembered route matches", () => {
  const remembered = memoizeMatchRoutes(matchRoutes as never);
  it.each(["/", "/threads", "/threads/42", "/threads/43?page=2", "/posts/7/edit", "/nowhere/at/all", "/threads/42"])("%s matches as the router does", (path) => {
    for (let i = 0; i < 2; i++) expect(remembered(routes, path)).toEqual(matchRoutes(routes, path));
  });
  it("hands each caller its own copy", () => {
    const first = remembered(routes, "/threads/42")!;
    first[1]!.params.id = "changed";
    expect(remembered(routes, "/threads/42")![1]!.params.id).toBe("42");
  });
});
