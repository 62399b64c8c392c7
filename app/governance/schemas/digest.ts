import { z } from "zod";
import { DIGEST_FREQUENCIES } from "../../../db/schema";

/** /settings/email: how often the member gets the digest. */
export const emailPreferencesSchema = z.object({
  digestFrequency: z.enum(DIGEST_FREQUENCIES, { error: "Choose weekly, monthly or never." }),
});

/** The dashboard's "Send digest now": a founder must tick the confirmation box. */
export const sendDigestSchema = z.object({
  confirm: z.literal("yes", { error: "Tick the box to confirm that every subscribed member should get the digest now." }),
});
