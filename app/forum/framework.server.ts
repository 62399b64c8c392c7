// Founders own the framework's words: they rename maturity stages and describe lifecycle areas.
import { recordAudit } from "../platform/audit.server";
import type { Db } from "../platform/db.server";
import { Forbidden, Invalid } from "../platform/errors";
import { can, type Actor } from "../accounts/permissions";
import { bumpForumVersion } from "./forum-version.server";

export type FrameworkEdit = {
  stages: { key: string; name: string; description: string }[];
  areas: { key: string; description: string }[];
};

/** Applies a founder's edit; every change is audited with its before and after, in one transaction. */
export async function updateFramework(db: Db, actor: Actor, edit: FrameworkEdit) {
  if (!can(actor, "edit_framework")) throw new Forbidden("Only founders can edit the framework.");
  const fieldErrors: Record<string, string> = {};
  for (const s of edit.stages) {
    if (!s.name.trim()) fieldErrors[`stage.${s.key}.name`] = "Give the stage a name.";
    else if (s.name.trim().length > 60) fieldErrors[`stage.${s.key}.name`] = "Keep the name under 60 characters.";
    if (s.description.length > 500) fieldErrors[`stage.${s.key}.description`] = "Keep the description under 500 characters.";
  }
  for (const a of edit.areas) {
    if (a.description.length > 500) fieldErrors[`area.${a.key}.description`] = "Keep the description under 500 characters.";
  }
  if (Object.keys(fieldErrors).length) throw new Invalid("Please correct the highlighted fields.", fieldErrors);
  let changes = 0;
  await db.transaction().execute(async (trx) => {
    for (const s of edit.stages) {
      const before = await trx.selectFrom("maturity_stages").select(["name", "description"]).where("key", "=", s.key).executeTakeFirst();
      if (!before) throw new Invalid("That maturity stage does not exist.");
      const after = { name: s.name.trim(), description: s.description.trim() };
      if (before.name === after.name && before.description === after.description) continue;
      await trx.updateTable("maturity_stages").set(after).where("key", "=", s.key).execute();
      await recordAudit(trx, { actorId: actor.id, action: "framework.stage_renamed", subjectType: "maturity_stage", rule: "Founders set the framework's words", details: { key: s.key, before, after } });
      changes++;
    }
    for (const a of edit.areas) {
      const before = await trx.selectFrom("lifecycle_areas").select("description").where("key", "=", a.key).executeTakeFirst();
      if (!before) throw new Invalid("That lifecycle area does not exist.");
      const description = a.description.trim();
      if (before.description === description) continue;
      await trx.updateTable("lifecycle_areas").set({ description }).where("key", "=", a.key).execute();
      await recordAudit(trx, { actorId: actor.id, action: "framework.area_described", subjectType: "lifecycle_area", rule: "Founders set the framework's words", details: { key: a.key, before: before.description, after: description } });
      changes++;
    }
    if (changes) await bumpForumVersion(trx); // every page that shows the framework's words reads them anew
  });
  return { changes };
}
