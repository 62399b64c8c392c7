import { z } from "zod";
import { CONSULTANT_CONTACT } from "../../../db/schema";

export const MAX_MESSAGE_LENGTH = 5000;
const body = z.string().trim().min(1, "Write your message.").max(MAX_MESSAGE_LENGTH, `Keep it under ${MAX_MESSAGE_LENGTH.toLocaleString("en-US")} characters.`);

/** The "new message" form on /messages. */
export const newMessageSchema = z.object({
  recipientId: z.coerce.number({ error: "Choose who to write to." }).int().positive("Choose who to write to."),
  body,
});
export type NewMessageInput = z.output<typeof newMessageSchema>;

/** The reply form on a conversation. */
export const replySchema = z.object({ body });

/** "Consultants may contact me". */
export const contactSettingSchema = z.object({
  consultantContact: z.enum(CONSULTANT_CONTACT, { error: "Choose who may contact you." }),
});

/** Blocking takes two steps: review, then confirm. */
export const blockSchema = z.object({ step: z.enum(["review", "confirm"]).catch("review") });
