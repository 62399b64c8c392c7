import { z } from "zod";

// Shared by the new-thread, reply and edit forms and their actions. MAX_POST_LENGTH is checked by
// the domain (posts.server.ts) so the message names the actual length.
export const POST_INTENTS = ["post", "preview"] as const;

export const postBodySchema = z.object({
  body: z.string().trim().min(1, "Write your post first."),
  intent: z.enum(POST_INTENTS).catch("post"),
});

export const replySchema = postBodySchema;
export const editPostSchema = postBodySchema;

export const newThreadSchema = postBodySchema.extend({
  title: z.string().trim().min(1, "Give your thread a title.").max(200, "Keep the title under 200 characters."),
  // A select left on its placeholder sends nothing at all: the same message then as for an empty choice.
  lifecycleArea: z.string({ error: "Choose a lifecycle area." }).min(1, "Choose a lifecycle area."),
  discipline: z.string({ error: "Choose a discipline." }).min(1, "Choose a discipline."),
  maturityStage: z.string().optional().transform((v) => v || null),
  chapterId: z.string().optional().transform((v, ctx) => {
    if (!v) return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) {
      ctx.addIssue({ code: "custom", message: "Choose one of your chapters, or none." });
      return z.NEVER;
    }
    return n;
  }),
});

export const followSchema = z.object({ intent: z.enum(["follow", "unfollow"]) });
