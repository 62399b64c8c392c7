// A document request runs the root loader and the page's loader together, each with its own copy of the request:
// they share one session validation (in flight, by token), and nothing is remembered once it has settled — the next
// request reads the database again, so a revocation or sign-out takes effect at once.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { createSession, getSession } from "../../app/accounts/session.server";
import { revokeMembership } from "../../app/membership/revocation.server";
import { createTestDb } from "../helpers/db";
import { useTestDbForRoutes } from "../helpers/routes";
import { makeMember } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
});

const copyOf = (token: string) => new Request("http://localhost/threads/1", { headers: { Cookie: `council_session=${token}` } });

describe("one session validation per document", () => {
  it("two copies of a request asked together share one validation; the next request validates again and sees a revocation", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const member = await makeMember(db);
    const { token } = await createSession(db, member.id, 30);
    const [root, page] = await Promise.all([getSession(copyOf(token)), getSession(copyOf(token))]);
    expect(root!.actor.id).toBe(member.id);
    expect(page).toBe(root);

    const later = await getSession(copyOf(token));
    expect(later).not.toBe(root);
    expect(later!.actor.id).toBe(member.id);

    await revokeMembership(db, founder, { memberId: member.id, rule: "Eligibility policy v1", reason: "Role level is below Director." });
    expect(await getSession(copyOf(token))).toBeNull();
  });
});
