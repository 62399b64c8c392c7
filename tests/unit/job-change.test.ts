import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../app/membership/eligibility";
import { changedFacts, judgeJobChange, type JobFacts } from "../../app/membership/job-change";

const vp: JobFacts = { title: "VP, Social Media", company: "Contoso Bank", roleLevel: "vp", memberType: "executive", socialResponsibility: true, socialResponsibilityNote: "I own social." };
const who = { name: "Priya Raman", email: "priya@contoso.example" };

// [what happened, the new facts, path, outcome under policy v1, the failing rule if any]
const table: [string, Partial<JobFacts>, "none" | "verify" | "notice", "eligible" | "ineligible" | "needs_review", string | null][] = [
  ["nothing the policy reads changed", {}, "none", "eligible", null],
  ["only the case of the title changed", { title: "vp, social media" }, "none", "eligible", null],
  ["a new title at the same level", { title: "Senior Manager" }, "verify", "eligible", null],
  ["promoted to SVP", { roleLevel: "svp", title: "SVP, Social" }, "verify", "eligible", null],
  ["promoted to C-level without social responsibility", { roleLevel: "c_level", socialResponsibility: false, socialResponsibilityNote: "" }, "verify", "eligible", null],
  ["moved to a new company at the same level", { company: "Fabrikam" }, "verify", "eligible", null],
  ["became a consultant at the same level", { memberType: "consultant" }, "verify", "eligible", null],
  ["demoted to Director, still responsible for social", { roleLevel: "director" }, "verify", "eligible", null],
  ["demoted below Director", { roleLevel: "below_director", title: "Senior Manager" }, "notice", "ineligible", "role_level"],
  ["a VP who no longer carries social responsibility", { socialResponsibility: false, socialResponsibilityNote: "" }, "notice", "ineligible", "social_responsibility"],
  ["a Director who no longer carries social responsibility", { roleLevel: "director", socialResponsibility: false, socialResponsibilityNote: "" }, "notice", "ineligible", "social_responsibility"],
];

describe("a member's job change under policy v1", () => {
  it.each(table)("%s → %s (%s)", (_label, change, path, outcome, failing) => {
    const judged = judgeJobChange(who, vp, { ...vp, ...change }, DEFAULT_POLICY);
    expect(judged.path).toBe(path);
    expect(judged.verdict.outcome).toBe(outcome);
    expect(judged.verdict.policyVersion).toBe(1);
    expect(judged.verdict.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(failing ? [failing] : []);
  });

  it("speaks to the member in the applicant's words", () => {
    const judged = judgeJobChange(who, vp, { ...vp, roleLevel: "below_director" }, DEFAULT_POLICY);
    expect(judged.verdict.reasons[0]!.message).toBe("Policy v1 does not admit Below Director members; it admits C-level, EVP, SVP, VP and Director only.");
  });

  it("a member on free webmail who changes job goes to verification, never straight to a notice", () => {
    const judged = judgeJobChange({ name: "A", email: "a@gmail.com" }, vp, { ...vp, company: "Fabrikam" }, DEFAULT_POLICY);
    expect([judged.path, judged.verdict.outcome]).toEqual(["verify", "needs_review"]);
  });

  it("lists exactly the facts that changed", () => {
    expect(changedFacts(vp, { ...vp, title: " VP, Social Media ", company: "Other", roleLevel: "svp" })).toEqual(["company", "roleLevel"]);
  });
});
