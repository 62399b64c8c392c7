import { describe, expect, it } from "vitest";
import { mayContact, NO_HISTORY, type ContactHistory, type ContactParty } from "../../app/moderation/contact-rules";

const exec = (id: number, o: Partial<ContactParty> = {}): ContactParty => ({ id, name: `Exec ${id}`, memberType: "executive", status: "active", consultantContact: "no_one", ...o });
const consultant = (id: number, o: Partial<ContactParty> = {}): ContactParty => ({ id, name: `Consultant ${id}`, memberType: "consultant", status: "active", consultantContact: "no_one", ...o });
const h = (o: Partial<ContactHistory>): ContactHistory => ({ ...NO_HISTORY, ...o });

// [case, sender, recipient, history, allowed, because or refusal]
const table: [string, ContactParty, ContactParty, ContactHistory, boolean, string][] = [
  ["executive → executive", exec(1), exec(2), NO_HISTORY, true, "executive"],
  ["executive → consultant", exec(1), consultant(2), NO_HISTORY, true, "executive"],
  ["consultant → consultant", consultant(1), consultant(2), NO_HISTORY, true, "consultant_to_consultant"],
  ["consultant → executive, door closed (cold contact)", consultant(1), exec(2), NO_HISTORY, false, "cold_contact"],
  ["consultant → executive who wrote to them first", consultant(1), exec(2), h({ recipientWroteToSender: true }), true, "they_wrote_first"],
  ["consultant → executive open to anyone", consultant(1), exec(2, { consultantContact: "anyone" }), NO_HISTORY, true, "open_to_consultants"],
  ["consultant → consultant whose setting is no one (the setting is about executives' doors)", consultant(1), consultant(2, { consultantContact: "no_one" }), NO_HISTORY, true, "consultant_to_consultant"],
  ["the sender blocked the recipient", exec(1), exec(2), h({ senderBlockedRecipient: true }), false, "you_blocked"],
  ["the recipient blocked the sender", exec(1), consultant(2), h({ recipientBlockedSender: true }), false, "blocked_you"],
  ["a block beats an open door", consultant(1), exec(2, { consultantContact: "anyone" }), h({ recipientBlockedSender: true, recipientWroteToSender: true }), false, "blocked_you"],
  ["a revoked recipient", exec(1), exec(2, { status: "revoked" }), NO_HISTORY, false, "recipient_unavailable"],
  ["a suspended recipient", exec(1), consultant(2, { status: "suspended" }), NO_HISTORY, false, "recipient_unavailable"],
  ["a suspended sender", exec(1, { status: "suspended" }), exec(2), NO_HISTORY, false, "sender_inactive"],
  ["oneself", exec(1), exec(1), NO_HISTORY, false, "self"],
];

describe("mayContact", () => {
  it.each(table)("%s", (_case, sender, recipient, history, allowed, outcome) => {
    const decision = mayContact(sender, recipient, history);
    expect(decision.allowed).toBe(allowed);
    expect(decision.allowed ? decision.because : decision.refusal).toBe(outcome);
  });

  it("explains a refused cold contact in words, naming how the door opens", () => {
    const decision = mayContact(consultant(1), exec(2, { name: "Priya Raman" }));
    expect(decision).toMatchObject({ allowed: false, message: expect.stringContaining("Priya Raman has not opened the door to consultants") });
    expect(!decision.allowed && decision.message).toContain('"Anyone"');
  });

  it("does not let roles change the answer: a founder who is a consultant is a consultant", () => {
    // ContactParty has no roles at all; only the member type counts.
    expect(mayContact(consultant(1, { name: "A founder" }), exec(2)).allowed).toBe(false);
  });
});
