import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MEMBER_TYPES, ROLE_LEVELS, type MemberType, type RoleLevel } from "../../db/schema";
import {
  DEFAULT_POLICY,
  ELIGIBILITY_RULES,
  compareOutcomes,
  describePolicy,
  evaluateEligibility,
  isFreeWebmail,
  parsePolicyFile,
  policyFileSchema,
  type Applicant,
  type EligibilityPolicy,
  type Outcome,
} from "../../app/membership/eligibility";

const V2_EXAMPLE = readFileSync(new URL("../fixtures/policy-v2-example.json", import.meta.url), "utf8");

function applicant(
  roleLevel: RoleLevel,
  socialResponsibility: boolean,
  memberType: MemberType,
  webmail: boolean,
): Applicant {
  return {
    name: "Sam Rivera",
    title: "Head of Social",
    company: "Acme",
    email: webmail ? "sam.rivera@gmail.com" : "sam.rivera@acme.com",
    roleLevel,
    memberType,
    socialResponsibility,
  };
}

/** A policy derived from another: a new version number and changed rules. */
function policyWith(version: number, rules: Partial<EligibilityPolicy["rules"]>): EligibilityPolicy {
  return { version, summary: `Test policy v${version}.`, rules: { ...DEFAULT_POLICY.rules, ...rules } };
}

// Policy v1, written out in full: every role level × responsibility × member type × webmail.
// Member type never changes the outcome (executives and consultants share the role rules); a free
// webmail address turns an otherwise eligible applicant into needs_review and changes nothing else.
const POLICY_V1_TABLE: Array<[RoleLevel, boolean, MemberType, boolean, Outcome]> = [
  // role level      responsibility  member type   webmail  outcome
  ["c_level", true, "executive", false, "eligible"],
  ["c_level", true, "executive", true, "needs_review"],
  ["c_level", true, "consultant", false, "eligible"],
  ["c_level", true, "consultant", true, "needs_review"],
  ["c_level", false, "executive", false, "eligible"],
  ["c_level", false, "executive", true, "needs_review"],
  ["c_level", false, "consultant", false, "eligible"],
  ["c_level", false, "consultant", true, "needs_review"],
  ["evp", true, "executive", false, "eligible"],
  ["evp", true, "executive", true, "needs_review"],
  ["evp", true, "consultant", false, "eligible"],
  ["evp", true, "consultant", true, "needs_review"],
  ["evp", false, "executive", false, "ineligible"],
  ["evp", false, "executive", true, "ineligible"],
  ["evp", false, "consultant", false, "ineligible"],
  ["evp", false, "consultant", true, "ineligible"],
  ["svp", true, "executive", false, "eligible"],
  ["svp", true, "executive", true, "needs_review"],
  ["svp", true, "consultant", false, "eligible"],
  ["svp", true, "consultant", true, "needs_review"],
  ["svp", false, "executive", false, "ineligible"],
  ["svp", false, "executive", true, "ineligible"],
  ["svp", false, "consultant", false, "ineligible"],
  ["svp", false, "consultant", true, "ineligible"],
  ["vp", true, "executive", false, "eligible"],
  ["vp", true, "executive", true, "needs_review"],
  ["vp", true, "consultant", false, "eligible"],
  ["vp", true, "consultant", true, "needs_review"],
  ["vp", false, "executive", false, "ineligible"],
  ["vp", false, "executive", true, "ineligible"],
  ["vp", false, "consultant", false, "ineligible"],
  ["vp", false, "consultant", true, "ineligible"],
  ["director", true, "executive", false, "eligible"],
  ["director", true, "executive", true, "needs_review"],
  ["director", true, "consultant", false, "eligible"],
  ["director", true, "consultant", true, "needs_review"],
  ["director", false, "executive", false, "ineligible"],
  ["director", false, "executive", true, "ineligible"],
  ["director", false, "consultant", false, "ineligible"],
  ["director", false, "consultant", true, "ineligible"],
  ["below_director", true, "executive", false, "ineligible"],
  ["below_director", true, "executive", true, "ineligible"],
  ["below_director", true, "consultant", false, "ineligible"],
  ["below_director", true, "consultant", true, "ineligible"],
  ["below_director", false, "executive", false, "ineligible"],
  ["below_director", false, "executive", true, "ineligible"],
  ["below_director", false, "consultant", false, "ineligible"],
  ["below_director", false, "consultant", true, "ineligible"],
];

const ALL_COMBINATIONS = POLICY_V1_TABLE.map(([level, resp, type, webmail]) => [level, resp, type, webmail] as const);

describe("policy v1 (DEFAULT_POLICY)", () => {
  it("the table covers every combination exactly once (6 × 2 × 2 × 2 = 48)", () => {
    const keys = new Set(POLICY_V1_TABLE.map(([l, r, t, w]) => `${l}|${r}|${t}|${w}`));
    expect(keys.size).toBe(48);
    for (const level of ROLE_LEVELS)
      for (const resp of [true, false])
        for (const type of MEMBER_TYPES)
          for (const webmail of [true, false]) expect(keys.has(`${level}|${resp}|${type}|${webmail}`)).toBe(true);
  });

  it.each(POLICY_V1_TABLE)(
    "%s, responsibility %s, %s, free webmail %s → %s",
    (roleLevel, responsibility, memberType, webmail, expected) => {
      const decision = evaluateEligibility(applicant(roleLevel, responsibility, memberType, webmail), DEFAULT_POLICY);
      expect(decision.outcome).toBe(expected);
      expect(decision.policyVersion).toBe(1);
    },
  );

  it.each(ALL_COMBINATIONS)(
    "%s, responsibility %s, %s, free webmail %s: explains itself with one reason per rule",
    (roleLevel, responsibility, memberType, webmail) => {
      const decision = evaluateEligibility(applicant(roleLevel, responsibility, memberType, webmail), DEFAULT_POLICY);
      expect(decision.reasons.map((r) => r.rule)).toEqual([...ELIGIBILITY_RULES]);
      for (const reason of decision.reasons) {
        expect(reason.message.length).toBeGreaterThan(20);
        expect(reason.message).toContain("Policy v1");
        expect(reason.message).toMatch(/\.$/);
      }
      // The failed rules are exactly what decided the outcome.
      const failedHardRules = decision.reasons.filter((r) => !r.passed && r.rule !== "free_webmail");
      const webmailFailed = decision.reasons.some((r) => !r.passed && r.rule === "free_webmail");
      if (decision.outcome === "ineligible") expect(failedHardRules.length).toBeGreaterThan(0);
      else expect(failedHardRules).toEqual([]);
      expect(webmailFailed).toBe(webmail);
    },
  );

  it("says which policy fact admitted a VP, in words a person understands", () => {
    const decision = evaluateEligibility(applicant("vp", true, "executive", false), DEFAULT_POLICY);
    expect(decision.reasons[1]).toEqual({
      rule: "social_responsibility",
      passed: true,
      message:
        "Policy v1 admits VP members only when they carry social strategy or social media responsibility; you said you do.",
    });
  });

  it("a Director without social responsibility fails only that rule", () => {
    const decision = evaluateEligibility(applicant("director", false, "executive", false), DEFAULT_POLICY);
    expect(decision.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(["social_responsibility"]);
    expect(decision.reasons[1].message).toContain("you said you do not");
  });

  it("below Director fails on role level, and names the levels that are admitted", () => {
    const decision = evaluateEligibility(applicant("below_director", true, "executive", false), DEFAULT_POLICY);
    expect(decision.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(["role_level"]);
    expect(decision.reasons[0].message).toBe(
      "Policy v1 does not admit Below Director members; it admits C-level, EVP, SVP, VP and Director only.",
    );
  });

  it("a free webmail address asks a reviewer to verify the role", () => {
    const decision = evaluateEligibility(applicant("c_level", false, "executive", true), DEFAULT_POLICY);
    expect(decision.outcome).toBe("needs_review");
    expect(decision.reasons[3]).toMatchObject({ rule: "free_webmail", passed: false });
    expect(decision.reasons[3].message).toContain("gmail.com");
    expect(decision.reasons[3].message).toContain("reviewer");
  });

  it("is a valid policy file, version 1, with a 5-day review window", () => {
    expect(policyFileSchema.safeParse(DEFAULT_POLICY).success).toBe(true);
    expect(DEFAULT_POLICY.version).toBe(1);
    expect(DEFAULT_POLICY.rules.reviewWindowDays).toBe(5);
    expect(DEFAULT_POLICY.rules.freeWebmail.domains).toHaveLength(17);
  });

  it("cannot be bent in memory: changing it means adopting a new version", () => {
    expect(() => {
      (DEFAULT_POLICY.rules.admittedRoleLevels as RoleLevel[]).push("below_director");
    }).toThrow();
    expect(() => {
      (DEFAULT_POLICY.rules.socialResponsibilityRequired as Record<RoleLevel, boolean>).vp = false;
    }).toThrow();
  });
});

describe("isFreeWebmail", () => {
  it.each([
    ["ada@gmail.com", true],
    ["Ada@GMAIL.COM", true],
    ["ada@Proton.Me", true],
    ["ada@acme.com", false],
    ["ada@mail.gmail.com", false], // subdomains of a listed domain do not count
    ["ada@notgmail.com", false],
    ["ada@gmail.com.evil.io", false],
    ["no-at-sign", false],
    ["", false],
  ])("%s → %s", (email, expected) => {
    expect(isFreeWebmail(email, DEFAULT_POLICY)).toBe(expected);
  });

  it("a subdomain counts when the policy lists it exactly", () => {
    const policy = policyWith(3, { freeWebmail: { needsReview: true, domains: ["mail.example.org"] } });
    expect(isFreeWebmail("x@MAIL.example.org", policy)).toBe(true);
    expect(isFreeWebmail("x@example.org", policy)).toBe(false);
  });
});

describe("custom policies apply uniformly", () => {
  const v2 = parsePolicyFile(V2_EXAMPLE);
  if (!v2.ok) throw new Error(`fixture is invalid: ${v2.errors.join("; ")}`);
  const policyV2 = v2.policy;

  it.each(ALL_COMBINATIONS)(
    "v2 (admits below Director with responsibility): %s, responsibility %s, %s, webmail %s",
    (roleLevel, responsibility, memberType, webmail) => {
      const person = applicant(roleLevel, responsibility, memberType, webmail);
      const before = evaluateEligibility(person, DEFAULT_POLICY).outcome;
      const after = evaluateEligibility(person, policyV2);
      expect(after.policyVersion).toBe(2);
      if (roleLevel === "below_director" && responsibility) {
        expect(after.outcome).toBe(webmail ? "needs_review" : "eligible");
      } else {
        expect(after.outcome).toBe(before);
      }
      for (const reason of after.reasons) expect(reason.message).toContain("Policy v2");
    },
  );

  const executivesOnly = policyWith(3, { admittedMemberTypes: ["executive"] });

  it.each(ALL_COMBINATIONS)(
    "v3 (executives only): %s, responsibility %s, %s, webmail %s",
    (roleLevel, responsibility, memberType, webmail) => {
      const person = applicant(roleLevel, responsibility, memberType, webmail);
      const after = evaluateEligibility(person, executivesOnly);
      if (memberType === "consultant") {
        expect(after.outcome).toBe("ineligible");
        expect(after.reasons[2]).toMatchObject({ rule: "member_type", passed: false });
        expect(after.reasons[2].message).toBe(
          "Policy v3 does not admit Consultant / vendor members; it admits Executive members only.",
        );
      } else {
        expect(after.outcome).toBe(evaluateEligibility(person, DEFAULT_POLICY).outcome);
      }
    },
  );

  it("when free webmail needs no review, webmail applicants are decided by the hard rules alone", () => {
    const relaxed = policyWith(4, { freeWebmail: { ...DEFAULT_POLICY.rules.freeWebmail, needsReview: false } });
    for (const [level, resp, type] of ALL_COMBINATIONS) {
      const withWebmail = evaluateEligibility(applicant(level, resp, type, true), relaxed);
      const withCompanyMail = evaluateEligibility(applicant(level, resp, type, false), relaxed);
      expect(withWebmail.outcome).toBe(withCompanyMail.outcome);
      expect(withWebmail.reasons[3]).toMatchObject({ rule: "free_webmail", passed: true });
    }
  });

  it("when C-level also needs social responsibility, C-level without it is ineligible", () => {
    const stricter = policyWith(5, {
      socialResponsibilityRequired: { ...DEFAULT_POLICY.rules.socialResponsibilityRequired, c_level: true },
    });
    expect(evaluateEligibility(applicant("c_level", false, "executive", false), stricter).outcome).toBe("ineligible");
    expect(evaluateEligibility(applicant("c_level", true, "executive", false), stricter).outcome).toBe("eligible");
  });
});

describe("compareOutcomes (policy change impact)", () => {
  const v2 = parsePolicyFile(V2_EXAMPLE);
  if (!v2.ok) throw new Error("fixture is invalid");
  const people = ALL_COMBINATIONS.map(([level, resp, type, webmail], i) => ({
    id: i + 1,
    ...applicant(level, resp, type, webmail),
    name: `Person ${i + 1}`,
  }));

  it("lists exactly the people whose outcome changes under v2, in input order", () => {
    const changes = compareOutcomes(people, DEFAULT_POLICY, v2.policy);
    const expectedIds = people
      .filter((p) => p.roleLevel === "below_director" && p.socialResponsibility)
      .map((p) => p.id);
    expect(changes.map((c) => c.id)).toEqual(expectedIds);
    expect(changes).toHaveLength(4);
    for (const change of changes) {
      expect(change.before).toBe("ineligible");
      expect(change.after).toBe(people[change.id - 1].email.endsWith("gmail.com") ? "needs_review" : "eligible");
      const webmail = people[change.id - 1].email.endsWith("gmail.com");
      expect(change.reasons.map((r) => r.rule)).toEqual(webmail ? ["free_webmail"] : []);
      expect(change.name).toBe(`Person ${change.id}`);
      expect(change.company).toBe("Acme");
    }
  });

  it("reports who no longer qualifies, with the rule that now excludes them (not their webmail)", () => {
    const executivesOnly = policyWith(3, { admittedMemberTypes: ["executive"] });
    const changes = compareOutcomes(people, DEFAULT_POLICY, executivesOnly);
    const expected = people.filter(
      (p) => p.memberType === "consultant" && evaluateEligibility(p, DEFAULT_POLICY).outcome !== "ineligible",
    );
    expect(changes.map((c) => c.id)).toEqual(expected.map((p) => p.id));
    for (const change of changes) {
      expect(change.after).toBe("ineligible");
      expect(change.reasons.map((r) => r.rule)).toEqual(["member_type"]);
      expect(change.reasons[0].message).toContain("Policy v3");
    }
  });

  it("lists nobody when the draft decides everyone the same way", () => {
    const sameRules = policyWith(6, {});
    expect(compareOutcomes(people, DEFAULT_POLICY, sameRules)).toEqual([]);
  });

  // Its speed is measured by npm run bench:eligibility, never asserted here.
  it("compares 100,000 people and finds exactly those the new policy changes", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => {
      const [level, resp, type, webmail] = ALL_COMBINATIONS[i % ALL_COMBINATIONS.length];
      return { id: i, ...applicant(level, resp, type, webmail) };
    });
    const changes = compareOutcomes(many, DEFAULT_POLICY, v2.policy);
    expect(changes.length).toBe(many.filter((p) => p.roleLevel === "below_director" && p.socialResponsibility).length);
  });
});

describe("policy files", () => {
  const good = JSON.parse(V2_EXAMPLE) as Record<string, unknown> & { rules: Record<string, unknown> };
  const withRules = (rules: Record<string, unknown>) => JSON.stringify({ ...good, rules: { ...good.rules, ...rules } });

  it("the v2 example is valid", () => {
    const parsed = parsePolicyFile(V2_EXAMPLE);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.policy.version).toBe(2);
  });

  it("normalises webmail domains to lower case", () => {
    const parsed = parsePolicyFile(withRules({ freeWebmail: { needsReview: true, domains: [" GMail.com "] } }));
    expect(parsed.ok && parsed.policy.rules.freeWebmail.domains).toEqual(["gmail.com"]);
  });

  it.each([
    ["not JSON", "{ version: 2", "not valid JSON"],
    ["missing version", JSON.stringify({ ...good, version: undefined }), "version: is missing"],
    ["version 0", JSON.stringify({ ...good, version: 0 }), "version: must be 1 or more"],
    ["fractional version", JSON.stringify({ ...good, version: 1.5 }), "version: must be a whole number"],
    ["empty summary", JSON.stringify({ ...good, summary: "  " }), "summary: must not be empty"],
    ["missing rules", JSON.stringify({ version: 2, summary: "x" }), "rules: is missing"],
    [
      "unknown role level",
      withRules({ admittedRoleLevels: ["vp", "manager"] }),
      "rules.admittedRoleLevels.1: must be a role level",
    ],
    [
      "no role levels",
      withRules({ admittedRoleLevels: [] }),
      "rules.admittedRoleLevels: must admit at least one role level",
    ],
    ["repeated role level", withRules({ admittedRoleLevels: ["vp", "vp"] }), "lists a role level more than once"],
    [
      "responsibility missing for a level",
      withRules({ socialResponsibilityRequired: { c_level: false, evp: true, svp: true, vp: true, director: true } }),
      "rules.socialResponsibilityRequired.below_director: is missing",
    ],
    [
      "unknown member type",
      withRules({ admittedMemberTypes: ["vendor"] }),
      "rules.admittedMemberTypes.0: must be a member type",
    ],
    [
      "email address instead of a domain",
      withRules({ freeWebmail: { needsReview: true, domains: ["@gmail.com"] } }),
      "rules.freeWebmail.domains.0: must be a bare email domain",
    ],
    ["review window too long", withRules({ reviewWindowDays: 61 }), "rules.reviewWindowDays: must be at most 60 days"],
    ["review window zero", withRules({ reviewWindowDays: 0 }), "rules.reviewWindowDays: must be at least 1 day"],
    ["misspelt rule", withRules({ reviewWindowDay: 5 }), "rules: has unknown field reviewWindowDay"],
    ["not an object", "[]", "policy: must be a JSON object"],
  ])("rejects %s with a useful message", (_, text, expected) => {
    const parsed = parsePolicyFile(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join("\n")).toContain(expected);
  });

  it("policyFileSchema itself rejects a bad file", () => {
    const result = policyFileSchema.safeParse({ version: 2, summary: "x", rules: { reviewWindowDays: 90 } });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("rules.reviewWindowDays");
    expect(paths).toContain("rules.admittedRoleLevels");
  });
});

describe("describePolicy", () => {
  it("describes policy v1 in plain language", () => {
    expect(describePolicy(DEFAULT_POLICY)).toEqual([
      "C-level: eligible.",
      "EVP, SVP, VP and Director: eligible only with social strategy or social media responsibility.",
      "Below Director: not eligible.",
      "Executive and Consultant / vendor members are admitted under the same role rules.",
      "Applications from free webmail addresses (17 domains, such as gmail.com, googlemail.com, yahoo.com) go to a reviewer, who verifies the role before a decision.",
      "Applicants hear back within 5 days.",
      "The same rules apply to everyone; there are no individual exceptions.",
    ]);
  });

  it("describes a narrower policy", () => {
    const lines = describePolicy(
      policyWith(7, {
        admittedMemberTypes: ["executive"],
        freeWebmail: { needsReview: false, domains: ["gmail.com"] },
        reviewWindowDays: 1,
      }),
    );
    expect(lines).toContain("Only Executive members are admitted.");
    expect(lines).toContain("Free webmail addresses (such as gmail.com) are accepted without extra review.");
    expect(lines).toContain("Applicants hear back within 1 day.");
  });
});
