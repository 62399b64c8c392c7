import { z } from "zod";
import { VOTE_CHOICES } from "../../../db/schema";

/** /policy/proposals: put the open draft to the members. */
export const proposeSchema = z.object({
  version: z.coerce.number().int().positive(),
  discussion: z.string().trim().min(20, "Make the case in a few sentences (at least 20 characters).").max(4000, "Keep it under 4,000 characters."),
  votingDays: z.coerce.number({ error: "Give the voting period in whole days." }).int("Whole days, please.").min(1, "Voting runs for 1 to 60 days.").max(60, "Voting runs for 1 to 60 days."),
});

/** /policy/proposals/<id>: second it, or cast or change a vote. */
export const proposalActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("second") }),
  z.object({ intent: z.literal("vote"), choice: z.enum(VOTE_CHOICES, { error: "Choose yes, no or abstain." }) }),
]);

export const VOTE_LABELS = { yes: "Yes", no: "No", abstain: "Abstain" } as const;
