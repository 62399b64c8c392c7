// The council's eligibility policy, as code.
//
// Eligibility is a versioned policy, not a person's mood: the policy decides, a reviewer only
// verifies facts. Every decision names the policy version and explains itself with one reason per
// rule, always in the same order:
//
//   1. role_level             — is this role level admitted at all?
//   2. social_responsibility  — does this role level need social strategy / social media responsibility?
//   3. member_type            — are executives / consultants admitted?
//   4. free_webmail           — does a free webmail address send the application to a reviewer?
//
// Rules 1–3 are hard rules: failing any of them makes the applicant ineligible. Rule 4 never rejects
// anyone; it only asks a reviewer to verify the role (needs_review). There is no per-person exception
// anywhere in this file: to let someone in, change the policy, and the change applies to everyone.
//
// Pure: no I/O. Policies are treated as immutable once created (they are versioned).
import { z } from "zod";
import { MEMBER_TYPES, ROLE_LEVELS, type MemberType, type RoleLevel } from "../../db/schema";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "../forum/framework";

// ---------------------------------------------------------------------------------------------
// Policy shape
// ---------------------------------------------------------------------------------------------

/** A zod error message that says plainly when a field is missing altogether. */
export function missingOr(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `is missing; it ${message}` : message);
}

/** For objects: name unknown fields (usually a typo) instead of a generic message. */
function objectError(message: string) {
  return (issue: { code?: string; input?: unknown; keys?: string[] }) =>
    issue.code === "unrecognized_keys"
      ? `has unknown ${issue.keys?.length === 1 ? "field" : "fields"} ${issue.keys?.join(", ")}; check the spelling`
      : missingOr(message)(issue);
}

const ROLE_LEVEL_CHOICES = ROLE_LEVELS.join(", ");
const MEMBER_TYPE_CHOICES = MEMBER_TYPES.join(", ");

const roleLevelSchema = z.enum(ROLE_LEVELS, {
  error: missingOr(`must be a role level: one of ${ROLE_LEVEL_CHOICES}`),
});
const memberTypeSchema = z.enum(MEMBER_TYPES, {
  error: missingOr(`must be a member type: one of ${MEMBER_TYPE_CHOICES}`),
});
const emailDomainSchema = z
  .string({ error: missingOr("must be an email domain such as gmail.com") })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, {
    error: "must be a bare email domain such as gmail.com (no @, no spaces)",
  });

function noDuplicates(list: readonly string[]): boolean {
  return new Set(list).size === list.length;
}

export const policyRulesSchema = z.strictObject(
  {
    admittedRoleLevels: z
      .array(roleLevelSchema, { error: missingOr("must be a list of role levels") })
      .min(1, { error: "must admit at least one role level" })
      .refine(noDuplicates, { error: "lists a role level more than once" }),
    socialResponsibilityRequired: z.record(
      roleLevelSchema,
      z.boolean({ error: missingOr("must be true or false (every role level needs a value)") }),
      { error: objectError("must be an object with true or false for every role level") },
    ),
    admittedMemberTypes: z
      .array(memberTypeSchema, { error: missingOr("must be a list of member types") })
      .min(1, { error: "must admit at least one member type" })
      .refine(noDuplicates, { error: "lists a member type more than once" }),
    freeWebmail: z.strictObject(
      {
        needsReview: z.boolean({ error: missingOr("must be true or false") }),
        domains: z.array(emailDomainSchema, { error: missingOr("must be a list of email domains") }),
      },
      { error: objectError("must be an object with needsReview and domains") },
    ),
    reviewWindowDays: z
      .number({ error: missingOr("must be a whole number of days from 1 to 60") })
      .int({ error: "must be a whole number of days from 1 to 60" })
      .min(1, { error: "must be at least 1 day" })
      .max(60, { error: "must be at most 60 days" }),
  },
  { error: objectError("must be an object holding the policy's rules") },
);
export type PolicyRules = z.infer<typeof policyRulesSchema>;

/** A policy file: what a founder drafts, members vote on, and the CLI reads with --policy. */
export const policyFileSchema = z.object(
  {
    version: z
      .number({ error: missingOr("must be a whole number, 1 or more") })
      .int({ error: "must be a whole number, 1 or more" })
      .min(1, { error: "must be 1 or more" }),
    summary: z
      .string({ error: missingOr("must be a plain-language summary of the policy") })
      .trim()
      .min(1, { error: "must not be empty: say in plain words what the policy does" }),
    rules: policyRulesSchema,
    adoptedAt: z.string().optional(),
    authorName: z.string().optional(),
  },
  { error: "must be a JSON object with version, summary and rules" },
);
export type EligibilityPolicy = z.infer<typeof policyFileSchema> & {
  adoptedAt?: string;
  authorName?: string;
};

/** Turns schema issues into lines a person can act on, e.g. "rules.reviewWindowDays: must be at most 60 days". */
export function describePolicyIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "policy"}: ${issue.message}`);
}

/** Parses and validates the text of a policy file. Never throws. */
export function parsePolicyFile(
  text: string,
): { ok: true; policy: EligibilityPolicy } | { ok: false; errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON (${(error as Error).message})`] };
  }
  const result = policyFileSchema.safeParse(data);
  if (!result.success) return { ok: false, errors: describePolicyIssues(result.error) };
  return { ok: true, policy: result.data };
}

// ---------------------------------------------------------------------------------------------
// Policy v1, the founders' policy
// ---------------------------------------------------------------------------------------------

export const DEFAULT_FREE_WEBMAIL_DOMAINS = [
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.net",
  "mail.com",
  "yandex.com",
  "zoho.com",
] as const;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Frozen: nobody can quietly bend the founders' policy in memory. Change it by adopting a new version. */
export const DEFAULT_POLICY: EligibilityPolicy = deepFreeze({
  version: 1,
  summary:
    "The council is open to C-level officers, and to EVPs, SVPs, VPs and Directors who carry social " +
    "strategy or social media responsibility. People below Director level are not eligible. Executives " +
    "and consultants are held to the same role rules. Applications from free webmail addresses go to a " +
    "reviewer, who verifies the role before a decision. Please allow 5 days for a decision.",
  rules: {
    admittedRoleLevels: ["c_level", "evp", "svp", "vp", "director"],
    socialResponsibilityRequired: {
      c_level: false,
      evp: true,
      svp: true,
      vp: true,
      director: true,
      below_director: true,
    },
    admittedMemberTypes: ["executive", "consultant"],
    freeWebmail: { needsReview: true, domains: [...DEFAULT_FREE_WEBMAIL_DOMAINS] },
    reviewWindowDays: 5,
  },
});

// ---------------------------------------------------------------------------------------------
// Evaluating an applicant
// ---------------------------------------------------------------------------------------------

export type Applicant = {
  name: string;
  email: string;
  title: string;
  company: string;
  roleLevel: RoleLevel;
  memberType: MemberType;
  socialResponsibility: boolean;
};

export type Outcome = "eligible" | "ineligible" | "needs_review";
export type EligibilityRule = "role_level" | "social_responsibility" | "member_type" | "free_webmail";

/** The order in which every decision lists its reasons. */
export const ELIGIBILITY_RULES: readonly EligibilityRule[] = [
  "role_level",
  "social_responsibility",
  "member_type",
  "free_webmail",
];

/**
 * One rule's verdict and a one-sentence explanation naming the policy version. Reasons are shared
 * between decisions and frozen: copy one before changing it.
 */
export type EligibilityReason = { rule: EligibilityRule; passed: boolean; message: string };
export type EligibilityDecision = { outcome: Outcome; policyVersion: number; reasons: EligibilityReason[] };

/** The facts of a policy, prepared for fast, repeated checks (sets instead of lists). */
type PolicyFacts = {
  version: number;
  name: string; // "Policy v1"
  admittedRoleLevels: ReadonlySet<RoleLevel>;
  responsibilityRequired: Readonly<Record<RoleLevel, boolean>>;
  admittedMemberTypes: ReadonlySet<MemberType>;
  freeWebmailDomains: ReadonlySet<string>;
  freeWebmailNeedsReview: boolean;
};

/**
 * A policy ready to decide: its facts, plus every reason it can give, written once, frozen and shared
 * between decisions. (Only "not free webmail" names the applicant's own domain and is written fresh.)
 */
type PreparedPolicy = PolicyFacts & {
  reasons: {
    roleLevel: Record<RoleLevel, EligibilityReason>;
    responsibility: Record<RoleLevel, { saidYes: EligibilityReason; saidNo: EligibilityReason }>;
    memberType: Record<MemberType, EligibilityReason>;
    freeWebmail: ReadonlyMap<string, EligibilityReason>;
  };
};

const prepared = new WeakMap<EligibilityPolicy, PreparedPolicy>();

function prepare(policy: EligibilityPolicy): PreparedPolicy {
  let ready = prepared.get(policy);
  if (ready) return ready;
  const { rules } = policy;
  const facts: PolicyFacts = {
    version: policy.version,
    name: `Policy v${policy.version}`,
    admittedRoleLevels: new Set(rules.admittedRoleLevels),
    responsibilityRequired: { ...rules.socialResponsibilityRequired },
    admittedMemberTypes: new Set(rules.admittedMemberTypes),
    freeWebmailDomains: new Set(rules.freeWebmail.domains.map((domain) => domain.trim().toLowerCase())),
    freeWebmailNeedsReview: rules.freeWebmail.needsReview,
  };
  const byRoleLevel = <T>(write: (level: RoleLevel) => T) =>
    Object.fromEntries(ROLE_LEVELS.map((level) => [level, write(level)])) as Record<RoleLevel, T>;
  const byMemberType = <T>(write: (type: MemberType) => T) =>
    Object.fromEntries(MEMBER_TYPES.map((type) => [type, write(type)])) as Record<MemberType, T>;
  ready = {
    ...facts,
    reasons: {
      roleLevel: byRoleLevel((level) => Object.freeze(roleLevelReason(facts, level))),
      responsibility: byRoleLevel((level) => ({
        saidYes: Object.freeze(responsibilityReason(facts, level, true)),
        saidNo: Object.freeze(responsibilityReason(facts, level, false)),
      })),
      memberType: byMemberType((type) => Object.freeze(memberTypeReason(facts, type))),
      freeWebmail: new Map(
        [...facts.freeWebmailDomains].map((domain) => [domain, Object.freeze(freeWebmailReason(facts, domain))]),
      ),
    },
  };
  prepared.set(policy, ready);
  return ready;
}

/** The part after the last "@", lower-cased; "" when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0
    ? ""
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** True when the email's domain is exactly one of the policy's free webmail domains (case-insensitive; subdomains do not count). */
export function isFreeWebmail(email: string, policy: EligibilityPolicy): boolean {
  return prepare(policy).freeWebmailDomains.has(emailDomain(email));
}

/**
 * True when the policy sends an address to a reviewer because it is free webmail (the free_webmail rule:
 * the domain is on the list and the policy asks for review). Applications and email changes both use it.
 */
export function webmailNeedsReview(email: string, policy: EligibilityPolicy): boolean {
  return sentToReviewer(prepare(policy), emailDomain(email));
}

// The four rules, each a plain yes/no. Social responsibility only matters for admitted role levels:
// for a level the policy does not admit, responsibility cannot change the outcome.
function roleLevelAdmitted(p: PolicyFacts, level: RoleLevel): boolean {
  return p.admittedRoleLevels.has(level);
}
function responsibilitySatisfied(p: PolicyFacts, level: RoleLevel, saidYes: boolean): boolean {
  return !roleLevelAdmitted(p, level) || !p.responsibilityRequired[level] || saidYes;
}
function memberTypeAdmitted(p: PolicyFacts, type: MemberType): boolean {
  return p.admittedMemberTypes.has(type);
}
function sentToReviewer(p: PolicyFacts, domain: string): boolean {
  return p.freeWebmailNeedsReview && p.freeWebmailDomains.has(domain);
}

/** The outcome alone, with no messages: the hot path of impact reports. */
function outcomeUnder(p: PolicyFacts, a: Applicant, domain: string): Outcome {
  const passesHardRules =
    roleLevelAdmitted(p, a.roleLevel) &&
    responsibilitySatisfied(p, a.roleLevel, a.socialResponsibility) &&
    memberTypeAdmitted(p, a.memberType);
  if (!passesHardRules) return "ineligible";
  return sentToReviewer(p, domain) ? "needs_review" : "eligible";
}

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// The reasons, in words. Each names the policy version and the policy fact that decided the rule.

function roleLevelReason(p: PolicyFacts, roleLevel: RoleLevel): EligibilityReason {
  const level = ROLE_LEVEL_LABELS[roleLevel];
  if (roleLevelAdmitted(p, roleLevel)) {
    return {
      rule: "role_level",
      passed: true,
      message: `${p.name} admits ${level} members; you said your role level is ${level}.`,
    };
  }
  const admitted = ROLE_LEVELS.filter((l) => roleLevelAdmitted(p, l)).map((l) => ROLE_LEVEL_LABELS[l]);
  return {
    rule: "role_level",
    passed: false,
    message: `${p.name} does not admit ${level} members; it admits ${listInWords(admitted)} only.`,
  };
}

function responsibilityReason(p: PolicyFacts, roleLevel: RoleLevel, saidYes: boolean): EligibilityReason {
  const level = ROLE_LEVEL_LABELS[roleLevel];
  let message: string;
  if (!roleLevelAdmitted(p, roleLevel)) {
    message = `${p.name} does not admit ${level} members at all, so social strategy or social media responsibility does not change the decision.`;
  } else if (!p.responsibilityRequired[roleLevel]) {
    message = `${p.name} admits ${level} members without requiring social strategy or social media responsibility.`;
  } else {
    const said = saidYes ? "you said you do" : "you said you do not";
    message = `${p.name} admits ${level} members only when they carry social strategy or social media responsibility; ${said}.`;
  }
  return { rule: "social_responsibility", passed: responsibilitySatisfied(p, roleLevel, saidYes), message };
}

function memberTypeReason(p: PolicyFacts, memberType: MemberType): EligibilityReason {
  const type = MEMBER_TYPE_LABELS[memberType];
  if (memberTypeAdmitted(p, memberType)) {
    const sameRules = p.admittedMemberTypes.size > 1 ? ", under the same role rules as everyone else" : "";
    return { rule: "member_type", passed: true, message: `${p.name} admits ${type} members${sameRules}.` };
  }
  const admitted = MEMBER_TYPES.filter((t) => memberTypeAdmitted(p, t)).map((t) => MEMBER_TYPE_LABELS[t]);
  return {
    rule: "member_type",
    passed: false,
    message: `${p.name} does not admit ${type} members; it admits ${listInWords(admitted)} members only.`,
  };
}

function freeWebmailReason(p: PolicyFacts, domain: string): EligibilityReason {
  const shown = domain || "(none)";
  if (!p.freeWebmailDomains.has(domain)) {
    return {
      rule: "free_webmail",
      passed: true,
      message: `${p.name} does not list ${shown} as a free webmail domain, so no extra review is needed.`,
    };
  }
  if (!p.freeWebmailNeedsReview) {
    return {
      rule: "free_webmail",
      passed: true,
      message: `${p.name} accepts free webmail addresses such as ${shown} without extra review.`,
    };
  }
  return {
    rule: "free_webmail",
    passed: false,
    message: `${p.name} sends applications from free webmail addresses such as ${shown} to a reviewer, who verifies the role before a decision.`,
  };
}

/** The four reasons, in rule order. */
function reasonsUnder(p: PreparedPolicy, a: Applicant, domain: string): EligibilityReason[] {
  const { reasons } = p;
  const responsibility = reasons.responsibility[a.roleLevel];
  return [
    reasons.roleLevel[a.roleLevel],
    a.socialResponsibility ? responsibility.saidYes : responsibility.saidNo,
    reasons.memberType[a.memberType],
    reasons.freeWebmail.get(domain) ?? freeWebmailReason(p, domain),
  ];
}

/**
 * Decides one applicant under one policy. Any failed hard rule (role level, social responsibility,
 * member type) makes the applicant ineligible; otherwise a free webmail address sends the application
 * to a reviewer (needs_review) when the policy says so; otherwise the applicant is eligible.
 */
export function evaluateEligibility(applicant: Applicant, policy: EligibilityPolicy): EligibilityDecision {
  const p = prepare(policy);
  const domain = emailDomain(applicant.email);
  return {
    outcome: outcomeUnder(p, applicant, domain),
    policyVersion: p.version,
    reasons: reasonsUnder(p, applicant, domain),
  };
}

// ---------------------------------------------------------------------------------------------
// Policy change impact
// ---------------------------------------------------------------------------------------------

export type OutcomeChange<Id> = {
  id: Id;
  name: string;
  company: string;
  before: Outcome;
  after: Outcome;
  /** The failed rules that decide the outcome under the draft policy (empty when the person becomes eligible). */
  reasons: EligibilityReason[];
};

/**
 * The failed rules that decided an outcome. For an ineligible person that is the failed hard rules
 * (a free webmail address does not matter once they cannot join); for needs_review it is the free
 * webmail rule; for an eligible person there are none.
 */
function decidingReasons(reasons: EligibilityReason[], outcome: Outcome): EligibilityReason[] {
  return reasons.filter((reason) => !reason.passed && (outcome !== "ineligible" || reason.rule !== "free_webmail"));
}

/**
 * The pure core of a policy-change impact report: everyone whose outcome would change if `draft`
 * replaced `current`, in input order. People whose outcome stays the same are left out.
 */
export function compareOutcomes<Id extends string | number>(
  people: ReadonlyArray<Applicant & { id: Id }>,
  current: EligibilityPolicy,
  draft: EligibilityPolicy,
): Array<OutcomeChange<Id>> {
  const before = prepare(current);
  const after = prepare(draft);
  const changes: Array<OutcomeChange<Id>> = [];
  for (const person of people) {
    const domain = emailDomain(person.email);
    const was = outcomeUnder(before, person, domain);
    const willBe = outcomeUnder(after, person, domain);
    if (was === willBe) continue;
    changes.push({
      id: person.id,
      name: person.name,
      company: person.company,
      before: was,
      after: willBe,
      reasons: decidingReasons(reasonsUnder(after, person, domain), willBe),
    });
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Showing a policy to people
// ---------------------------------------------------------------------------------------------

/** Plain-language bullet lines describing what a policy does, for applicants, members and founders. */
export function describePolicy(policy: EligibilityPolicy): string[] {
  const p = prepare(policy);
  const label = (levels: RoleLevel[]) => listInWords(levels.map((level) => ROLE_LEVEL_LABELS[level]));
  const always = ROLE_LEVELS.filter((l) => p.admittedRoleLevels.has(l) && !p.responsibilityRequired[l]);
  const withResponsibility = ROLE_LEVELS.filter((l) => p.admittedRoleLevels.has(l) && p.responsibilityRequired[l]);
  const never = ROLE_LEVELS.filter((l) => !p.admittedRoleLevels.has(l));
  const lines: string[] = [];

  if (always.length) lines.push(`${label(always)}: eligible.`);
  if (withResponsibility.length) {
    lines.push(`${label(withResponsibility)}: eligible only with social strategy or social media responsibility.`);
  }
  if (never.length) lines.push(`${label(never)}: not eligible.`);

  const types = MEMBER_TYPES.filter((t) => p.admittedMemberTypes.has(t)).map((t) => MEMBER_TYPE_LABELS[t]);
  lines.push(
    types.length > 1
      ? `${listInWords(types)} members are admitted under the same role rules.`
      : `Only ${types[0] ?? "no"} members are admitted.`,
  );

  const domains = policy.rules.freeWebmail.domains;
  const examples = domains.slice(0, 3).join(", ");
  if (domains.length === 0) {
    lines.push("No email domains are treated as free webmail.");
  } else if (p.freeWebmailNeedsReview) {
    lines.push(
      `Applications from free webmail addresses (${domains.length} domains, such as ${examples}) go to a reviewer, who verifies the role before a decision.`,
    );
  } else {
    lines.push(`Free webmail addresses (such as ${examples}) are accepted without extra review.`);
  }

  const days = policy.rules.reviewWindowDays;
  lines.push(`Applicants hear back within ${days} ${days === 1 ? "day" : "days"}.`);
  lines.push("The same rules apply to everyone; there are no individual exceptions.");
  return lines;
}
