import { z } from "zod";

// The search form (GET /search). Unknown or malformed values fall back to "no filter", never an error.
const optional = z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);

export const searchSchema = z.object({
  q: z.string().max(500).optional().catch(undefined).transform((v) => v ?? ""),
  area: optional,
  discipline: optional,
  stage: optional,
  author: optional,
  from: day,
  to: day,
  page: z.coerce.number().int().positive().max(500).optional().catch(undefined).transform((v) => v ?? 1),
});

export const membersSchema = z.object({
  q: optional,
  level: optional,
  type: optional,
  chapter: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().positive().max(10_000).optional().catch(undefined).transform((v) => v ?? 1),
});
