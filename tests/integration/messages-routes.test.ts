// /messages and /messages/:id, through their loaders and actions: authorization on the server, the
// refusal shown with what was typed, and the two-step block.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import type { FormFailure } from "../../app/platform/forms";
import { startConversation } from "../../app/moderation/messages.server";
import type { Actor } from "../../app/accounts/permissions";
import { createTestDb } from "../helpers/db";
import { call, payload, request, useTestDbForRoutes } from "../helpers/routes";
import { makeMember } from "../factories";
import * as messagesIndex from "../../app/routes/messages._index";
import * as conversation from "../../app/routes/messages.$id";

let db: Db;
let exec: Actor;
let consultant: Actor;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
  exec = await makeMember(db, { name: "Priya Raman" });
  consultant = await makeMember(db, { name: "Daniel Brooks", memberType: "consultant" });
});

describe("/messages", () => {
  it("sends anonymous visitors to sign in", async () => {
    expect((await call(messagesIndex.loader, await request(db, "/messages", null))).status).toBe(302);
    expect((await call(messagesIndex.action, await request(db, "/messages", null, { recipientId: String(exec.id), body: "Hi" }))).status).toBe(302);
  });

  it("offers a consultant only the people they may contact, and refuses the rest with the text kept", async () => {
    const home = await call(messagesIndex.loader, await request(db, "/messages", consultant));
    expect(payload<{ contactable: { id: number }[] }>(home.value).contactable.map((p) => p.id)).not.toContain(exec.id);

    const body = "I enjoyed your post on care staffing. What did your team measure first?";
    const refused = await call(messagesIndex.action, await request(db, "/messages", consultant, { recipientId: String(exec.id), body }));
    expect(refused.status).toBe(403);
    const failure = payload<FormFailure>(refused.value);
    expect(failure.formError).toContain("Priya Raman has not opened the door to consultants");
    expect(failure.fieldErrors.recipientId).toBeDefined();
    expect(failure.values.body).toBe(body);
    expect(await db.selectFrom("messages").selectAll().execute()).toHaveLength(0);
  });

  it("shows a held first message's reasons and keeps the text", async () => {
    const peer = await makeMember(db, { memberType: "consultant" });
    const body = "Grab 30 minutes on my calendar: calendly.com/daniel — council members get 25% off.";
    const held = await call(messagesIndex.action, await request(db, "/messages", consultant, { recipientId: String(peer.id), body }));
    expect(held.status).toBe(403);
    const failure = payload<FormFailure>(held.value);
    expect(failure.formError).toMatch(/reads like a sales pitch/);
    expect(failure.reasons?.length).toBeGreaterThan(0);
    expect(failure.values.body).toBe(body);
  });

  it("saves the contact setting and then lets the consultant start a conversation", async () => {
    const saved = await call(messagesIndex.action, await request(db, "/messages", exec, { intent: "contact", consultantContact: "anyone" }));
    expect(saved.status).toBe(302);
    const bad = await call(messagesIndex.action, await request(db, "/messages", exec, { intent: "contact", consultantContact: "everyone" }));
    expect(bad.status).toBe(400);
    const sent = await call(messagesIndex.action, await request(db, "/messages", consultant, { recipientId: String(exec.id), body: "Hello Priya, a question about your care desk." }));
    expect(sent.status).toBe(302);
    expect((sent.value as Response).headers.get("Location")).toMatch(/^\/messages\/\d+$/);
  });
});

describe("/messages/:id", () => {
  it("is readable by its two participants only: anyone else gets 404, even a founder", async () => {
    const id = String(await startConversation(db, exec, { recipientId: consultant.id, body: "Could you share your staffing model?" }));
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    expect((await call(conversation.loader, await request(db, `/messages/${id}`, founder), { id })).status).toBe(404);
    expect((await call(conversation.action, await request(db, `/messages/${id}`, founder, { intent: "reply", body: "Hi" }), { id })).status).toBe(404);
    expect((await call(conversation.loader, await request(db, "/messages/abc", exec), { id: "abc" })).status).toBe(404);
    const page = await call(conversation.loader, await request(db, `/messages/${id}`, consultant), { id });
    expect(page.status).toBe(200);
    expect(payload<{ messages: { body: string }[] }>(page.value).messages[0]!.body).toBe("Could you share your staffing model?");
  });

  it("blocks only after confirmation, and then neither side can write", async () => {
    const id = String(await startConversation(db, exec, { recipientId: consultant.id, body: "Could you share your staffing model?" }));
    const review = await call(conversation.action, await request(db, `/messages/${id}`, exec, { intent: "block" }), { id });
    expect(payload<{ confirmBlock?: boolean }>(review.value).confirmBlock).toBe(true);
    expect(await db.selectFrom("blocks").selectAll().execute()).toHaveLength(0);

    const confirmed = await call(conversation.action, await request(db, `/messages/${id}`, exec, { intent: "block", step: "confirm" }), { id });
    expect(confirmed.status).toBe(302);
    expect(await db.selectFrom("blocks").selectAll().execute()).toHaveLength(1);

    const reply = await call(conversation.action, await request(db, `/messages/${id}`, consultant, { intent: "reply", body: "Hello?" }), { id });
    expect(reply.status).toBe(403);
    expect(payload<FormFailure>(reply.value).values.body).toBe("Hello?");
  });
});
