import type { Db } from "./db.server";
import { DEFAULT_POLICY, policyRulesSchema, type EligibilityPolicy } from "./eligibility";
import { nowIso } from "./time";

type PolicyRow = { version: number; summary: string; rules: string; adopted_at: string | null };

const toPolicy = (row: PolicyRow): EligibilityPolicy => ({
  version: row.version,
  summary: row.summary,
  rules: policyRulesSchema.parse(JSON.parse(row.rules)),
  adoptedAt: row.adopted_at ?? undefined,
});

// Policies are immutable once adopted, so the current one is cached until a new version is adopted.
let cached: { version: number; policy: EligibilityPolicy } | undefined;

/** The adopted policy version every decision is made under. */
export async function getCurrentPolicy(db: Db): Promise<EligibilityPolicy> {
  const row = await db
    .selectFrom("eligibility_policies")
    .select(["version", "summary", "rules", "adopted_at"])
    .where("status", "=", "adopted")
    .orderBy("version", "desc")
    .executeTakeFirst();
  if (!row) throw new Error("No eligibility policy has been adopted; run the migrations and seed (npm run db:migrate).");
  if (cached?.version !== row.version) cached = { version: row.version, policy: toPolicy(row) };
  return cached.policy;
}

export async function getPolicyVersion(db: Db, version: number): Promise<(EligibilityPolicy & { status: string }) | undefined> {
  const row = await db.selectFrom("eligibility_policies").selectAll().where("version", "=", version).executeTakeFirst();
  return row ? { ...toPolicy(row), status: row.status } : undefined;
}

/** Version 1, the founders' default policy, adopted in every new council (production included). Idempotent. */
export async function ensureDefaultPolicy(db: Db): Promise<void> {
  const existing = await db.selectFrom("eligibility_policies").select("version").executeTakeFirst();
  if (existing) return;
  const now = nowIso();
  await db.insertInto("eligibility_policies").values({
    version: DEFAULT_POLICY.version,
    status: "adopted",
    summary: DEFAULT_POLICY.summary,
    rules: JSON.stringify(DEFAULT_POLICY.rules),
    author_id: null,
    created_at: now,
    adopted_at: now,
    adopted_by: null,
  }).execute();
}
