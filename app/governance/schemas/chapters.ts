import { z } from "zod";
import { webUrl } from "../../platform/web-url";

// Forms of the chapters pages: one schema per form, shared by the form and its action.

const optionalText = (max: number, message: string) =>
  z.string().trim().max(max, message).transform((v) => v || null);

/** Chapter slugs that would collide with fixed addresses under /chapters. */
export const RESERVED_CHAPTER_SLUGS = ["new"];

export const chapterSchema = z.object({
  name: z.string().trim().min(2, "Give the chapter a name, such as a city or region.").max(80, "Keep the name under 80 characters."),
  slug: z.string().trim().toLowerCase().max(40, "Keep the address under 40 characters.")
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, "Use lowercase letters, digits and single hyphens, like new-york.")
    .refine((v) => !RESERVED_CHAPTER_SLUGS.includes(v), "That address is reserved; choose another.")
    .transform((v) => v || null),
  description: z.string().trim().max(1000, "Keep the description under 1,000 characters.").default(""),
});
export type ChapterInput = z.output<typeof chapterSchema>;

/** "2026-12-01T18:30" from a datetime-local field (read as UTC), or a full ISO timestamp. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?$/;
const toUtc = (v: string) => new Date(v.endsWith("Z") ? v : `${v}Z`);

export const gatheringSchema = z.object({
  title: z.string().trim().min(3, "Give the gathering a title.").max(120, "Keep the title under 120 characters."),
  startsAt: z.string().trim().min(1, "Choose the date and time.")
    .regex(DATE_TIME, "Enter the date and time, like 2026-12-01T18:30.")
    // A real calendar date: 2030-02-31 would otherwise roll over into March.
    .refine((v) => !Number.isNaN(toUtc(v).getTime()) && toUtc(v).toISOString().slice(0, 16) === v.slice(0, 16), "That is not a real date.")
    .transform((v) => toUtc(v).toISOString()),
  place: optionalText(200, "Keep the place under 200 characters."),
  link: z.union([z.literal(""), webUrl("Enter a full web address starting with https://.", 500)])
    .transform((v) => v || null),
}).refine((g) => g.place || g.link, { message: "Give a place, a link, or both.", path: ["place"] });
export type GatheringInput = z.output<typeof gatheringSchema>;

/** The buttons on a chapter's page. */
export const chapterActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("join") }),
  z.object({ intent: z.literal("leave") }),
  z.object({ intent: z.literal("attend"), gatheringId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("unattend"), gatheringId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("appoint"), personId: z.coerce.number({ message: "Choose a member of the chapter." }).int().positive("Choose a member of the chapter.") }),
]);
export type ChapterAction = z.output<typeof chapterActionSchema>;

/** An ISO timestamp as a datetime-local value (UTC). */
export const toDateTimeLocal = (iso: string) => iso.slice(0, 16);

