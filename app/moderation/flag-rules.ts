// Pure moderation rules, no I/O: when flags hide a post, and when strikes suspend a member.
// The same rules for every member, founders included: role and member type never enter here.

/** Companies compare case- and whitespace-insensitively: "Acme  Corp" is "acme corp". */
export const normalizeCompany = (company: string) => company.trim().replace(/\s+/g, " ").toLowerCase();

export type FlagForCount = { personId: number; company: string; open: boolean };
export type FlagCount = { companies: string[]; count: number };

/**
 * The distinct companies among the members with an open (not withdrawn, not yet reviewed) flag on a
 * post. The author's own flag and flags from the author's colleagues (same company) do not count, and
 * each member counts once however often they withdrew and flagged again.
 */
export function countFlagCompanies(flags: FlagForCount[], author: { id: number; company: string }): FlagCount {
  const authorCompany = normalizeCompany(author.company);
  const companies = new Set<string>();
  const seen = new Set<number>();
  for (const f of flags) {
    if (!f.open || f.personId === author.id || seen.has(f.personId)) continue;
    seen.add(f.personId);
    const company = normalizeCompany(f.company);
    if (company && company !== authorCompany) companies.add(company);
  }
  return { companies: [...companies].sort(), count: companies.size };
}

export const DEFAULT_FLAG_COMPANY_THRESHOLD = 3;

/** A post is hidden pending review once flags from `threshold` different companies are open on it. */
export const flagsHidePost = (count: FlagCount, threshold = DEFAULT_FLAG_COMPANY_THRESHOLD) => count.count >= threshold;

/** Upheld strikes under these rules are "pitch strikes", which lead to suspension. */
export const PITCH_STRIKE_RULES: readonly string[] = ["sales_pitch"];
export const STRIKES_TO_SUSPEND = 3;
export const STRIKE_WINDOW_DAYS = 365;

/** How many pitch strikes were recorded in the 365 days up to `now`. */
export function pitchStrikesInWindow(strikes: { rule: string; recordedAt: string }[], now = new Date()): number {
  const from = now.getTime() - STRIKE_WINDOW_DAYS * 86_400_000;
  return strikes.filter((s) => {
    const at = Date.parse(s.recordedAt);
    return PITCH_STRIKE_RULES.includes(s.rule) && at > from && at <= now.getTime();
  }).length;
}

/** Three upheld pitch strikes within a year suspend a member pending founder review. */
export const strikesSuspend = (strikes: { rule: string; recordedAt: string }[], now = new Date()) =>
  pitchStrikesInWindow(strikes, now) >= STRIKES_TO_SUSPEND;
