// Who may message whom: the council's "no cold contact" rule (brief, rule 5), in one pure function.
//
// Read it top to bottom; the first rule that applies decides.
//   1. Only active members send messages, and not to themselves.
//   2. Revoked or suspended members cannot be contacted.
//   3. A block, in either direction, ends contact both ways.
//   4. Executives may message anyone.
//   5. Consultants may message other consultants.
//   6. A consultant may message an executive only after that executive opened the door:
//        - the executive has written to the consultant (in their conversation), or
//        - the executive's setting "consultants may contact me" is "anyone".
//      Otherwise the answer is no: executives choose when and with whom they engage.
// The same rules apply to founders, moderators and everyone else: only the member type counts.
import type { ConsultantContact, MemberType, PersonStatus } from "../../db/schema";

export type ContactParty = {
  id: number;
  name: string;
  memberType: MemberType;
  status: PersonStatus;
  consultantContact: ConsultantContact;
};

/** Facts about the pair that the rules need (read from the database by the caller). */
export type ContactHistory = {
  /** The sender has blocked the recipient. */
  senderBlockedRecipient: boolean;
  /** The recipient has blocked the sender. */
  recipientBlockedSender: boolean;
  /** The recipient has written at least one message to the sender. */
  recipientWroteToSender: boolean;
};

export type ContactRefusal = "sender_inactive" | "self" | "recipient_unavailable" | "you_blocked" | "blocked_you" | "cold_contact";
export type ContactDecision =
  | { allowed: true; because: "executive" | "consultant_to_consultant" | "they_wrote_first" | "open_to_consultants" }
  | { allowed: false; refusal: ContactRefusal; message: string };

export const NO_HISTORY: ContactHistory = { senderBlockedRecipient: false, recipientBlockedSender: false, recipientWroteToSender: false };

export function mayContact(sender: ContactParty, recipient: ContactParty, history: ContactHistory = NO_HISTORY): ContactDecision {
  const no = (refusal: ContactRefusal, message: string): ContactDecision => ({ allowed: false, refusal, message });

  if (sender.status !== "active") return no("sender_inactive", "Only active members can send messages.");
  if (sender.id === recipient.id) return no("self", "You cannot send a message to yourself.");
  if (recipient.status !== "active") return no("recipient_unavailable", `${recipient.name} is no longer a member and cannot be contacted.`);
  if (history.senderBlockedRecipient) return no("you_blocked", `You blocked ${recipient.name}. Unblock them to write again.`);
  if (history.recipientBlockedSender) return no("blocked_you", `${recipient.name} is not accepting messages from you.`);

  if (sender.memberType === "executive") return { allowed: true, because: "executive" };
  if (recipient.memberType === "consultant") return { allowed: true, because: "consultant_to_consultant" };
  if (history.recipientWroteToSender) return { allowed: true, because: "they_wrote_first" };
  if (recipient.consultantContact === "anyone") return { allowed: true, because: "open_to_consultants" };
  return no(
    "cold_contact",
    `${recipient.name} has not opened the door to consultants. Executives choose when to engage: you can write to them ` +
      `once they have written to you, or if they set "Consultants may contact me" to "Anyone".`,
  );
}

export const CONSULTANT_CONTACT_LABELS: Record<ConsultantContact, string> = {
  no_one: "No one — consultants may write only after I have written to them",
  anyone: "Anyone — any consultant member may start a conversation with me",
};
