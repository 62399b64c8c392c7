// Regression tests for the findings of the security probe (issue 13), against the route handlers and
// a real database. The HTTP server's own defences (body limit, headers, CSRF) are tested against the
// running server in tests/e2e/security.spec.ts.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { hashPassword } from "../../app/accounts/auth.server";
import * as login from "../../app/routes/login";
import { createTestDb } from "../helpers/db";
import { callRoute, request, useTestDbForRoutes } from "../helpers/routes";
import { makeMember } from "../factories";

let db: Db;
let passwordHash: string;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
  passwordHash ??= await hashPassword("correct horse battery");
});

describe("finding 2: no open redirect after sign-in", () => {
  const attempts = ["/%09/evil.example/phish", "//evil.example", "/%5Cevil.example", "https://evil.example", "/%0A/evil.example", "/%0D%0A/evil.example"];

  it.each(attempts)("a signed-in visitor sent to /login?redirectTo=%s stays on the site", async (target) => {
    const member = await makeMember(db);
    const out = await callRoute(login.loader, await request(db, `/login?redirectTo=${target}`, member));
    expect(out.status).toBe(302);
    expect(out.location).toBe("/");
  });

  it.each(attempts)("signing in with redirectTo=%s lands on the home page", async (target) => {
    await makeMember(db, { email: "a@b.example", passwordHash });
    const out = await callRoute(login.action, await request(db, "/login", null, {
      email: "a@b.example", password: "correct horse battery", redirectTo: decodeURIComponent(target),
    }));
    expect(out.status).toBe(302);
    expect(out.location).toBe("/");
  });

  it("a path on the site is kept", async () => {
    await makeMember(db, { email: "a@b.example", passwordHash });
    const out = await callRoute(login.action, await request(db, "/login", null, {
      email: "a@b.example", password: "correct horse battery", redirectTo: "/threads/3?page=2",
    }));
    expect(out.location).toBe("/threads/3?page=2");
  });
});
