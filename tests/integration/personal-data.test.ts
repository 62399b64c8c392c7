import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { loader } from "../../app/routes/settings.data[.json]";
import { makeMember, makeThread } from "../factories";
import { createTestDb } from "../helpers/db";
import { request, routeArgs, useTestDbForRoutes } from "../helpers/routes";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
});

describe("/settings/data.json", () => {
  it("downloads the member's own profile and writing, and no one else's", async () => {
    const m = await makeMember(db, { name: "Priya Raman" });
    const other = await makeMember(db);
    await makeThread(db, m, { title: "My thread", body: "My own words", replies: 1 });
    await makeThread(db, other, { title: "Their thread", body: "Their words" });
    const res = (await loader(routeArgs(await request(db, "/settings/data.json", m)))) as Response;
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="council-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const body = await res.json();
    expect(body.profile).toMatchObject({ name: "Priya Raman", email: m.email, role_level: "vp", roles: [{ role: "member" }] });
    expect(body.threads.map((t: { title: string }) => t.title)).toEqual(["My thread"]);
    expect(body.posts).toHaveLength(2);
    expect(JSON.stringify(body)).not.toContain("Their words");
    expect(JSON.stringify(body)).not.toContain("password");
  });

  it("needs a signed-in member", async () => {
    const res = await loader(routeArgs(await request(db, "/settings/data.json", null))).catch((e) => e);
    expect((res as Response).status).toBe(302);
  });
});
