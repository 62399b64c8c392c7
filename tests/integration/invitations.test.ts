import { beforeEach, describe, expect, it } from "vitest";
import { signIn } from "../../app/accounts/auth.server";
import type { Db } from "../../app/platform/db.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../../app/platform/errors";
import {
  acceptInvitation, getInvitationByToken, INVITATION_DAYS, inviteDirectly, listInvitations, resendInvitation, revokeInvitation,
} from "../../app/membership/invitations.server";
import { loadActor } from "../../app/accounts/session.server";
import { hashToken } from "../../app/platform/tokens.server";
import type { DirectInvitationInput } from "../../app/membership/schemas/invitation";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { action as acceptInvitationAction } from "../../app/routes/invite.$token";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const invitee = (o: Partial<DirectInvitationInput> = {}): DirectInvitationInput => ({
  name: "Grace Whitfield", email: "grace@fabrikam.example", title: "Chief Marketing Officer", company: "Fabrikam Foods",
  roleLevel: "c_level", socialResponsibility: "yes", socialResponsibilityNote: "Social reports to me.", memberType: "executive", roleVerified: false, ...o,
});
const founder = () => makeMember(db, { roles: ["member", "founder"] });
const tokenIn = async () => {
  const mail = await db.selectFrom("outbox").selectAll().where("kind", "=", "invitation").orderBy("id", "desc").executeTakeFirstOrThrow();
  return /\/invite\/([a-z0-9]+)/.exec(mail.text_body)![1]!;
};

describe("a founder's direct invitation still passes the policy", () => {
  it("refuses an ineligible person with the policy's reasons, and creates nothing", async () => {
    const error = await inviteDirectly(db, await founder(), invitee({ roleLevel: "below_director" })).catch((e) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(error.message).toContain("Policy v1 does not admit this person");
    expect(error.message).toContain("does not admit Below Director members");
    expect(await db.selectFrom("invitations").selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom("outbox").selectAll().execute()).toHaveLength(0);
  });

  it("asks the founder to verify the role for a free webmail address", async () => {
    const f = await founder();
    await expect(inviteDirectly(db, f, invitee({ email: "grace@gmail.com" }))).rejects.toBeInstanceOf(Invalid);
    await expect(inviteDirectly(db, f, invitee({ email: "grace@gmail.com", roleVerified: true }))).resolves.toBeTruthy();
  });

  it("only founders invite; a moderator cannot", async () => {
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    await expect(inviteDirectly(db, moderator, invitee())).rejects.toBeInstanceOf(Forbidden);
  });

  it("stores only the token's hash, expires in 14 days, emails the link and audits the policy version", async () => {
    const f = await founder();
    const now = new Date("2026-11-23T10:00:00Z");
    const { token } = await inviteDirectly(db, f, invitee(), now);
    const row = await db.selectFrom("invitations").selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(row.expires_at).toBe(new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString());
    expect(await tokenIn()).toBe(token);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "invitation.issued").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: f.id, policy_version: 1 });
    await expect(inviteDirectly(db, f, invitee())).rejects.toBeInstanceOf(Conflict); // one live invitation per person
  });
});

describe("accepting an invitation", () => {
  it("creates the member and uses the invitation in one step; the new password signs in", async () => {
    const f = await founder();
    const { token } = await inviteDirectly(db, f, invitee());
    expect(await getInvitationByToken(db, token)).toMatchObject({ state: "pending", name: "Grace Whitfield", email: "grace@fabrikam.example" });
    const personId = await acceptInvitation(db, { token, password: "a long enough password" });
    const actor = await loadActor(db, personId);
    expect(actor).toMatchObject({ name: "Grace Whitfield", roles: ["member"], status: "active", roleLevel: "c_level" });
    expect(await signIn(db, { email: "Grace@Fabrikam.example", password: "a long enough password", ip: "1.1.1.1" })).toBe(personId);
    expect((await getInvitationByToken(db, token)).state).toBe("accepted");
    await expect(acceptInvitation(db, { token, password: "another long password" })).rejects.toThrow("already been used");
    expect(await db.selectFrom("people").select("id").where("email_normalized", "=", "grace@fabrikam.example").execute()).toHaveLength(1);
  });

  it("expired, revoked and unknown tokens are refused and described", async () => {
    const f = await founder();
    const long = Date.now() - (INVITATION_DAYS + 1) * 86_400_000;
    const expired = await inviteDirectly(db, f, invitee({ email: "old@fabrikam.example" }), new Date(long));
    expect((await getInvitationByToken(db, expired.token)).state).toBe("expired");
    await expect(acceptInvitation(db, { token: expired.token, password: "a long enough password" })).rejects.toThrow("expired");

    const withdrawn = await inviteDirectly(db, f, invitee({ email: "gone@fabrikam.example" }));
    await revokeInvitation(db, f, withdrawn.id);
    expect((await getInvitationByToken(db, withdrawn.token)).state).toBe("revoked");
    await expect(acceptInvitation(db, { token: withdrawn.token, password: "a long enough password" })).rejects.toBeInstanceOf(Conflict);

    expect(await getInvitationByToken(db, "nope")).toEqual({ state: "unknown" });
    await expect(acceptInvitation(db, { token: "nope", password: "a long enough password" })).rejects.toBeInstanceOf(NotFound);
    expect(await db.selectFrom("people").selectAll().execute()).toHaveLength(1); // only the founder
  });

  it("a policy adopted after the invitation applies to the invitee too", async () => {
    const f = await founder();
    const { token } = await inviteDirectly(db, f, invitee({ roleLevel: "director" }));
    const v1 = await db.selectFrom("eligibility_policies").selectAll().where("version", "=", 1).executeTakeFirstOrThrow();
    const rules = JSON.parse(v1.rules);
    rules.admittedRoleLevels = ["c_level", "evp", "svp", "vp"];
    await db.updateTable("eligibility_policies").set({ status: "superseded" }).where("version", "=", 1).execute();
    await db.insertInto("eligibility_policies").values({ ...v1, version: 2, status: "adopted", rules: JSON.stringify(rules) }).execute();
    await expect(acceptInvitation(db, { token, password: "a long enough password" })).rejects.toThrow("under version 2 we cannot admit you");
    expect(await db.selectFrom("people").selectAll().execute()).toHaveLength(1);
  });

  it("re-sending issues a new link, the old one stops working, and an expired invitation gets 14 fresh days", async () => {
    const f = await founder();
    const first = await inviteDirectly(db, f, invitee(), new Date(Date.now() - 20 * 86_400_000));
    await resendInvitation(db, f, first.id);
    const fresh = await tokenIn();
    expect(fresh).not.toBe(first.token);
    expect((await getInvitationByToken(db, first.token)).state).toBe("unknown");
    expect((await getInvitationByToken(db, fresh)).state).toBe("pending");
    const [listed] = await listInvitations(db, f);
    expect(listed).toMatchObject({ state: "pending" });
    expect(await db.selectFrom("audit_log").select("action").where("action", "like", "invitation.%").execute())
      .toEqual([{ action: "invitation.issued" }, { action: "invitation.resent" }]);
  });
});

describe("accepting an invitation through its page", () => {
  it("signs the new member in with a session that records their browser", async () => {
    useTestDbForRoutes(db);
    const { token } = await inviteDirectly(db, await founder(), invitee());
    const req = new Request(`http://localhost:3000/invite/${token}`, {
      method: "POST",
      headers: { "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36" },
      body: new URLSearchParams({ password: "a long enough password", passwordConfirm: "a long enough password" }),
    });
    const result = await callRoute(acceptInvitationAction, req, { token });
    expect(result).toMatchObject({ status: 302, location: "/?welcome=1" });
    const session = await db.selectFrom("sessions").select("user_agent").executeTakeFirstOrThrow();
    expect(session.user_agent).toContain("Chrome/126.0");
  });
});
