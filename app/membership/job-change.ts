// A member's change of job, judged like an application (pure). Title, company, role level, member
// type and social responsibility are facts the policy reads; a change to any of them is judged by the
// current policy version before it is saved:
//
//   nothing the policy reads changed   → "none":   saved at once
//   still eligible (or needs review)   → "verify": saved, and the new facts await a reviewer's verification
//   no longer eligible                 → "notice": on confirming, the humane path (notice, message, appeal, revocation)
import type { MemberType, RoleLevel } from "../../db/schema";
import { evaluateEligibility, type EligibilityDecision, type EligibilityPolicy } from "./eligibility";

export type JobFacts = {
  title: string;
  company: string;
  roleLevel: RoleLevel;
  memberType: MemberType;
  socialResponsibility: boolean;
  socialResponsibilityNote: string;
};
/** The facts whose change is judged (the sentence describing the responsibility is kept, but the policy reads only yes or no). */
export const JOB_FACT_KEYS = ["title", "company", "roleLevel", "memberType", "socialResponsibility"] as const satisfies readonly (keyof JobFacts)[];

export const JOB_FACT_LABELS: Record<keyof JobFacts, string> = {
  title: "Job title", company: "Company", roleLevel: "Role level", memberType: "Member type",
  socialResponsibility: "Social strategy or social media responsibility", socialResponsibilityNote: "What that responsibility is",
};

export type JobChangePath = "none" | "verify" | "notice";
export type JobChangeVerdict = { changed: (keyof JobFacts)[]; verdict: EligibilityDecision; path: JobChangePath };

/** Which facts changed (titles and companies compared without case or surrounding spaces). */
export function changedFacts(before: JobFacts, after: JobFacts): (keyof JobFacts)[] {
  const same = (a: unknown, b: unknown) => (typeof a === "string" && typeof b === "string" ? a.trim().toLowerCase() === b.trim().toLowerCase() : a === b);
  return JOB_FACT_KEYS.filter((key) => !same(before[key], after[key]));
}

/** The verdict on a member's new facts under `policy`, and the path it sends them down. */
export function judgeJobChange(member: { name: string; email: string }, before: JobFacts, after: JobFacts, policy: EligibilityPolicy): JobChangeVerdict {
  const changed = changedFacts(before, after);
  const verdict = evaluateEligibility({ name: member.name, email: member.email, ...after }, policy);
  const path: JobChangePath = changed.length === 0 ? "none" : verdict.outcome === "ineligible" ? "notice" : "verify";
  return { changed, verdict, path };
}
