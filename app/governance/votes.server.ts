// Counting a policy proposal's votes, and the rule that decides it. Shared by the proposals module
// and the adoption path in policy.server.ts (which must refuse a version whose vote did not pass).
import { ROLE_LEVELS, type RoleLevel, type VoteChoice } from "../../db/schema";
import type { Db } from "../platform/db.server";

export type Tally = { yes: number; no: number; abstain: number };
export type RoleLevelTally = Tally & { roleLevel: RoleLevel };

/**
 * THE RULE: a proposal passes when, at its deadline, more members voted yes than no. Abstentions
 * count as taking part but are neither for nor against; a tie (including no votes at all) fails.
 */
export const isPassed = (t: Tally) => t.yes > t.no;

/** Voting is over once the deadline has come (a proposal still awaiting seconds never opened). */
export const isClosed = (deadline: string | null, now: Date) => deadline !== null && deadline <= now.toISOString();

export async function proposalForVersion(db: Db, version: number) {
  return db.selectFrom("policy_proposals").selectAll().where("policy_version", "=", version).executeTakeFirst();
}

/** Tallies overall and by the role level each voter had when they last voted (every level listed). */
export async function tallyVotes(db: Db, proposalId: number): Promise<{ total: Tally; byRoleLevel: RoleLevelTally[] }> {
  const rows = await db.selectFrom("policy_votes")
    .select((eb) => ["role_level", "choice", eb.fn.countAll<number>().as("n")])
    .where("proposal_id", "=", proposalId)
    .groupBy(["role_level", "choice"])
    .execute();
  const total: Tally = { yes: 0, no: 0, abstain: 0 };
  const byRoleLevel = ROLE_LEVELS.map((roleLevel): RoleLevelTally => ({ roleLevel, yes: 0, no: 0, abstain: 0 }));
  for (const r of rows) {
    const n = Number(r.n);
    total[r.choice as VoteChoice] += n;
    byRoleLevel.find((t) => t.roleLevel === r.role_level)![r.choice as VoteChoice] += n;
  }
  return { total, byRoleLevel };
}
