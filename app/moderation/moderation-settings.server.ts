// The founders' moderation settings: how sensitive the pitch check is, and how many different
// companies' flags hide a post. Stored one row per key; every change is audited with old and new values.
import type { Db } from "../platform/db.server";
import { recordAudit } from "../platform/audit.server";
import { Forbidden } from "../platform/errors";
import { DEFAULT_FLAG_COMPANY_THRESHOLD } from "./flag-rules";
import { can, type Actor } from "../accounts/permissions";
import { DEFAULT_PITCH_THRESHOLD } from "./pitch";
import { nowIso } from "../platform/time";
import type { ModerationSettingsInput } from "./schemas/moderation";

export type ModerationSettings = { pitchThreshold: number; flagCompanyThreshold: number };

const KEYS = { pitchThreshold: "pitch_threshold", flagCompanyThreshold: "flag_company_threshold" } as const;
export const DEFAULT_MODERATION_SETTINGS: ModerationSettings = {
  pitchThreshold: DEFAULT_PITCH_THRESHOLD,
  flagCompanyThreshold: DEFAULT_FLAG_COMPANY_THRESHOLD,
};

/** The current settings; defaults for anything a founder has not set. */
export async function getModerationSettings(db: Db): Promise<ModerationSettings> {
  const rows = await db.selectFrom("moderation_settings").select(["key", "value"]).execute();
  const stored = new Map(rows.map((r) => [r.key, Number(r.value)]));
  const pick = (name: keyof ModerationSettings) => {
    const v = stored.get(KEYS[name]);
    return v != null && Number.isFinite(v) ? v : DEFAULT_MODERATION_SETTINGS[name];
  };
  return { pitchThreshold: pick("pitchThreshold"), flagCompanyThreshold: pick("flagCompanyThreshold") };
}

/** A founder changes the settings. Each changed value writes one audit row with its old and new value. */
export async function updateModerationSettings(db: Db, actor: Actor, input: ModerationSettingsInput): Promise<{ changed: string[] }> {
  if (!can(actor, "manage_moderation")) throw new Forbidden("Only founders change the moderation settings.");
  return db.transaction().execute(async (trx) => {
    const current = await getModerationSettings(trx);
    const changed: string[] = [];
    const now = nowIso();
    for (const name of Object.keys(KEYS) as (keyof ModerationSettings)[]) {
      if (current[name] === input[name]) continue;
      await trx.insertInto("moderation_settings").values({ key: KEYS[name], value: String(input[name]), updated_at: now, updated_by: actor.id })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: String(input[name]), updated_at: now, updated_by: actor.id })).execute();
      await recordAudit(trx, {
        actorId: actor.id, action: "moderation.settings_changed", subjectType: "setting", rule: KEYS[name],
        reason: `${KEYS[name]}: ${current[name]} → ${input[name]}`, details: { setting: KEYS[name], old: current[name], new: input[name] },
      });
      changed.push(name);
    }
    return { changed };
  });
}
