// What a form's action answered: the refusal a page shows next to its fields, and nothing else.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { failureOf, parseForm } from "../../app/platform/forms";

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};
const schema = z.object({ title: z.string().min(3, "Give it a title of at least 3 characters"), password: z.string() });

describe("parseForm and failureOf", () => {
  it("a refusal carries the field's message and what was typed, never the password", () => {
    const refused = failureOf(parseForm(schema, form({ title: "Hi", password: "secret-words" })));
    expect(refused).toEqual({
      ok: false, formError: "Please correct the highlighted fields.",
      fieldErrors: { title: "Give it a title of at least 3 characters" }, values: { title: "Hi" },
    });
  });

  it.each([
    ["a success", { ok: true, data: {} }],
    ["another answer (a notice)", { notice: "Saved" }],
    ["no answer yet", undefined],
    ["null", null],
  ])("%s is not a refusal", (_, result) => {
    expect(failureOf(result)).toBeUndefined();
  });
});
