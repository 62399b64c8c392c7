import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword, signIn } from "../../app/accounts/auth.server";
import { createSession, validateSessionToken } from "../../app/accounts/session.server";
import type { Db } from "../../app/platform/db.server";
import { Conflict, Invalid } from "../../app/platform/errors";
import { decideApplication, getApplicationForReview, recordVerification, submitApplication } from "../../app/membership/applications.server";
import { acceptInvitation } from "../../app/membership/invitations.server";
import { resignMembership } from "../../app/membership/resignation.server";
import { applySchema } from "../../app/membership/schemas/apply";
import { getThreadPage } from "../../app/forum/threads.server";
import { searchPosts } from "../../app/forum/search.server";
import { getMemberProfile, listMembers } from "../../app/forum/members.server";
import { digestContent } from "../../app/governance/digest.server";
import { getConversation, listConversations, sendMessage, startConversation } from "../../app/moderation/messages.server";
import { action, loader } from "../../app/routes/settings.resign";
import { loader as profileLoader } from "../../app/routes/members.$id";
import { makeMember, makeThread } from "../factories";
import { createTestDb } from "../helpers/db";
import { callRoute, request, useTestDbForRoutes } from "../helpers/routes";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
});

const PASSWORD = "the members password 1";
const resignForm = (over: Record<string, string> = {}) => ({ understood: "on", currentPassword: PASSWORD, reason: "Moving on to a new role.", ...over });

describe("resigning at /settings/resign", () => {
  it("refuses without the confirmation box or with a wrong password, keeping the reason typed; nothing changes", async () => {
    const m = await makeMember(db, { passwordHash: await hashPassword(PASSWORD) });
    const unticked = await callRoute(action, await request(db, "/settings/resign", m, resignForm({ understood: "" })));
    expect(unticked.status).toBe(400);
    expect(unticked.body.fieldErrors.understood).toMatch(/Tick the box/);
    const wrong = await callRoute(action, await request(db, "/settings/resign", m, resignForm({ currentPassword: "not it" })));
    expect(wrong.status).toBe(400);
    expect(wrong.body.fieldErrors).toEqual({ currentPassword: "That is not your current password." });
    expect(wrong.body.values).toMatchObject({ reason: "Moving on to a new role." });
    expect(wrong.body.values.currentPassword).toBeUndefined();
    const person = await db.selectFrom("people").select(["status", "name"]).where("id", "=", m.id).executeTakeFirstOrThrow();
    expect(person).toEqual({ status: "active", name: m.name });
  });

  it("ends every session, leaves the directory and every role, signs out this browser; audited and emailed", async () => {
    const m = await makeMember(db, { passwordHash: await hashPassword(PASSWORD), roles: ["member", "moderator"], name: "Rosa Diaz" });
    const phone = await createSession(db, m.id, 30);
    const result = await callRoute(action, await request(db, "/settings/resign", m, resignForm()));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login?resigned=1");

    expect(await validateSessionToken(db, phone.token, 30)).toBeNull();
    expect(await db.selectFrom("sessions").select("id").where("person_id", "=", m.id).execute()).toHaveLength(0);
    expect(await db.selectFrom("person_roles").select("role").where("person_id", "=", m.id).execute()).toHaveLength(0);
    const person = await db.selectFrom("people").selectAll().where("id", "=", m.id).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ status: "resigned", name: "Former member", password_hash: null, revoked_at: null, former_email_normalized: m.email });
    expect(person.resigned_at).not.toBeNull();

    const viewer = await makeMember(db);
    expect((await listMembers(db, viewer)).members.map((p) => p.id)).not.toContain(m.id);
    await expect(signIn(db, { email: m.email, password: PASSWORD, ip: "1.1.1.1" })).rejects.toBeInstanceOf(Invalid);

    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "membership.resigned").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: m.id, subject_id: m.id, reason: "Moving on to a new role." });
    expect(JSON.parse(audit.details!)).toEqual({ roles: ["member", "moderator"] });
    const mail = await db.selectFrom("outbox").selectAll().where("kind", "=", "membership_resigned").executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(m.email);
    expect(mail.text_body).toContain("apply again");
  });

  it("keeps their posts, shown as a former member's on the thread, in search and in the digest; their profile link shows a plain page", async () => {
    const m = await makeMember(db, { passwordHash: await hashPassword(PASSWORD), name: "Rosa Diaz", title: "VP, Care", company: "Tailspin" });
    const reader = await makeMember(db);
    const thread = await makeThread(db, m, { title: "Care desks at scale", body: "We staff our care desk around the clock." });
    await resignMembership(db, m, { currentPassword: PASSWORD });

    const page = await getThreadPage(db, reader, thread.id);
    expect(page.posts).toHaveLength(1);
    expect(page.posts[0]).toMatchObject({ author_name: "Former member", author_title: "", author_company: "" });
    expect(page.posts[0]!.body_html).toContain("around the clock");
    expect(JSON.stringify(page)).not.toContain("Rosa Diaz");

    const found = await searchPosts(db, reader, "clock");
    expect(found.results.map((r) => r.authorName)).toEqual(["Former member"]);

    const digest = await digestContent(db, reader.id, new Date(Date.now() - 86_400_000).toISOString());
    expect(digest?.topThreads.map((t) => t.authorName)).toEqual(["Former member"]);

    expect(await getMemberProfile(db, reader, m.id)).toMatchObject({ former: true, member: null });
    const profile = await callRoute(profileLoader, await request(db, `/members/${m.id}`, reader), { id: String(m.id) });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ former: true });
  });

  it("their direct messages stay with the other party, who can no longer write to them", async () => {
    const m = await makeMember(db, { passwordHash: await hashPassword(PASSWORD) });
    const other = await makeMember(db);
    const id = await startConversation(db, other, { recipientId: m.id, body: "Could you share how you staffed the pilot?" });
    await sendMessage(db, m, { conversationId: id, body: "Happy to: two teams, one rota." });
    await resignMembership(db, m, { currentPassword: PASSWORD });

    const list = await listConversations(db, other);
    expect(list.map((c) => c.other_name)).toEqual(["Former member"]);
    const conversation = await getConversation(db, other, id);
    expect(conversation.messages.map((x) => x.body)).toEqual(["Could you share how you staffed the pilot?", "Happy to: two teams, one rota."]);
    await expect(sendMessage(db, other, { conversationId: id, body: "Thanks again." })).rejects.toThrow();
  });

  it("the council's last active founder cannot resign; a founder may when another stays", async () => {
    const first = await makeMember(db, { passwordHash: await hashPassword(PASSWORD), roles: ["member", "founder"] });
    const loaded = await callRoute(loader, await request(db, "/settings/resign", first));
    expect(loaded.body).toMatchObject({ mayResign: false });
    await expect(resignMembership(db, first, { currentPassword: PASSWORD })).rejects.toBeInstanceOf(Conflict);
    expect((await db.selectFrom("people").select("status").where("id", "=", first.id).executeTakeFirstOrThrow()).status).toBe("active");

    await makeMember(db, { roles: ["member", "founder"] });
    await resignMembership(db, first, { currentPassword: PASSWORD });
    expect((await db.selectFrom("people").select("status").where("id", "=", first.id).executeTakeFirstOrThrow()).status).toBe("resigned");
  });

  it("a resigned person may apply again with the same address; the reviewer sees they are a former member; they join as a new member", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const m = await makeMember(db, { passwordHash: await hashPassword(PASSWORD), email: "elena@fourthcoffee.example" });
    await resignMembership(db, m, { currentPassword: PASSWORD });

    const applied = await submitApplication(db, applySchema.parse({
      name: "Elena Petrova", email: "Elena@FourthCoffee.example", title: "VP, Social & Community", company: "Fourth Coffee",
      roleLevel: "vp", socialResponsibility: "yes", socialResponsibilityNote: "I lead social strategy for 40 markets.", memberType: "executive",
    }), { ip: "203.0.113.5" });
    const review = await getApplicationForReview(db, founder, applied.id);
    expect(review.formerMemberships).toHaveLength(1);
    expect(review.formerMemberships[0]).toMatchObject({ id: m.id });

    await recordVerification(db, founder, applied.id, { titleVerified: true, domainVerified: true, note: "Checked." });
    await decideApplication(db, founder, applied.id, "approve");
    const mail = await db.selectFrom("outbox").selectAll().where("kind", "=", "invitation").executeTakeFirstOrThrow();
    const token = /\/invite\/([a-z0-9]+)/.exec(mail.text_body)![1]!;
    const personId = await acceptInvitation(db, { token, password: "fourth coffee social" });
    expect(personId).not.toBe(m.id);
    expect(await signIn(db, { email: "elena@fourthcoffee.example", password: "fourth coffee social", ip: "203.0.113.5" })).toBe(personId);
  });
});
