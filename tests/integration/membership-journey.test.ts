// The whole journey: apply → review → invite → accept → sign in, through the domain functions the
// routes call, plus the route actions where the policy must refuse an "approve anyway".
import { beforeEach, describe, expect, it } from "vitest";
import { decideApplication, getApplicationStatus, listOpenApplications, recordVerification, submitApplication } from "../../app/membership/applications.server";
import { signIn } from "../../app/accounts/auth.server";
import type { Db } from "../../app/platform/db.server";
import { acceptInvitation } from "../../app/membership/invitations.server";
import { createSession, validateSessionToken } from "../../app/accounts/session.server";
import { action as applyAction } from "../../app/routes/apply._index";
import { action as reviewAction } from "../../app/routes/review.$id";
import { applySchema } from "../../app/membership/schemas/apply";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  (globalThis as unknown as { councilDb?: Db }).councilDb = db; // the routes' getDb()
});

const form = (fields: Record<string, string>) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return body;
};
const post = (url: string, fields: Record<string, string>, cookie?: string) =>
  new Request(`http://localhost${url}`, { method: "POST", body: form(fields), headers: cookie ? { Cookie: cookie } : {} });
const statusOf = (thrown: unknown) => (thrown as { init?: { status?: number } }).init?.status ?? (thrown as Response).status;

describe("the membership journey", () => {
  it("apply → review → invite → accept → sign in", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const applied = await submitApplication(db, applySchema.parse({
      name: "Elena Petrova", email: "elena@fourthcoffee.example", title: "VP, Social & Community", company: "Fourth Coffee",
      roleLevel: "vp", socialResponsibility: "yes", socialResponsibilityNote: "I lead social strategy for 40 markets.", memberType: "executive",
    }), { ip: "203.0.113.5" });

    const [queued] = await listOpenApplications(db);
    expect(queued).toMatchObject({ reference: applied.reference, verdict: { outcome: "eligible", policyVersion: 1 } });
    await recordVerification(db, founder, applied.id, { titleVerified: true, domainVerified: true, note: "Checked the company's leadership page." });
    await decideApplication(db, founder, applied.id, "approve");
    expect(await getApplicationStatus(db, applied.statusToken)).toMatchObject({ status: "approved", policyVersion: 1 });

    const invitationMail = await db.selectFrom("outbox").selectAll().where("kind", "=", "invitation").executeTakeFirstOrThrow();
    expect(invitationMail.to_address).toBe("elena@fourthcoffee.example");
    const token = /\/invite\/([a-z0-9]+)/.exec(invitationMail.text_body)![1]!;
    const personId = await acceptInvitation(db, { token, password: "fourth coffee social" });

    expect(await signIn(db, { email: "elena@fourthcoffee.example", password: "fourth coffee social", ip: "203.0.113.5" })).toBe(personId);
    const session = await createSession(db, personId, 30);
    expect((await validateSessionToken(db, session.token, 30))?.actor).toMatchObject({ name: "Elena Petrova", roles: ["member"] });
    expect(await listOpenApplications(db)).toHaveLength(0);
  });

  it("the apply action answers a bad field with 400, the message and every typed value", async () => {
    const result = await applyAction({ request: post("/apply", { name: "Beth Carter", email: "beth@", title: "Manager", company: "Lucerne" }), params: {}, context: {} });
    const body = (result as { data: { fieldErrors: Record<string, string>; values: Record<string, string> } }).data;
    expect(statusOf(result)).toBe(400);
    expect(body.fieldErrors.email).toContain("valid email");
    expect(body.values).toMatchObject({ name: "Beth Carter", email: "beth@", title: "Manager", company: "Lucerne" });
    expect(await db.selectFrom("applications").selectAll().execute()).toHaveLength(0);
  });

  it("the review action refuses an approve for an ineligible application with 409, and nothing changes", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const { token } = await createSession(db, founder.id, 30);
    const { id } = await submitApplication(db, applySchema.parse({
      name: "Beth Carter", email: "beth@lucerne.example", title: "Social Media Manager", company: "Lucerne Publishing",
      roleLevel: "below_director", socialResponsibility: "yes", socialResponsibilityNote: "I run our social channels.", memberType: "executive",
    }), { ip: "203.0.113.9" });
    const before = await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const thrown = await reviewAction({ request: post(`/review/${id}`, { intent: "decide", decision: "approve" }, `council_session=${token}`), params: { id: String(id) }, context: {} })
      .then(() => null, (e) => e);
    expect(statusOf(thrown)).toBe(409);
    expect(await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await db.selectFrom("invitations").selectAll().execute()).toHaveLength(0);
  });
});
