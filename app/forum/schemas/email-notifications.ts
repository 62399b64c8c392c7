import { z } from "zod";
import { NOTIFY_CHOICES, parseClock } from "../notification-rules";

const choice = z.enum(NOTIFY_CHOICES, { error: "Choose right away, in the digest, or never." });
const clock = z.string().trim().optional().default("")
  .refine((v) => v === "" || parseClock(v) !== null, { error: "Give a time such as 22:00, or leave it empty." })
  .transform((v) => (v === "" ? null : parseClock(v)));

/** /settings/email, the notifications form: per kind, and quiet hours in the member's time zone. */
export const notificationPreferencesSchema = z.object({
  intent: z.literal("notifications"),
  messages: choice,
  replies: choice,
  mentions: choice,
  moderation: choice,
  votes: choice,
  quietStart: clock,
  quietEnd: clock,
  timeZone: z.string().trim().min(1, { error: "Choose your time zone." }),
}).transform(({ messages, replies, mentions, moderation, votes, quietStart, quietEnd, timeZone }) => ({
  choices: { messages, replies, mentions, moderation, votes }, quietStart, quietEnd, timeZone,
}));
