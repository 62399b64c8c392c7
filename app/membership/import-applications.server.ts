// Importing an existing list as applications (npm run import-applications). Every row is checked
// with the same schema as the /apply form (app/membership/schemas/apply.ts); nothing is written unless every
// row is valid, and then all rows go in one transaction. Each imported application gets the same
// columns as one submitted through /apply: a reference, a hashed private status token, the current
// policy's verdict, due_at from its review window, status pending, the confirmation email with the
// status link, and an audit row.
import { applySchema, type ApplyInput } from "./schemas/apply";
import { recordAudit } from "../platform/audit.server";
import { normalizeEmail } from "../accounts/auth.server";
import { parseCsv, CsvSyntaxError } from "../platform/csv";
import type { Db } from "../platform/db.server";
import { evaluateEligibility } from "./eligibility";
import { absoluteUrl, queueEmail } from "../platform/mail.server";
import { getCurrentPolicy } from "./policy.server";
import { addDays, formatDate, nowIso } from "../platform/time";
import { generateToken, hashToken } from "../platform/tokens.server";

export const IMPORT_FIELDS = [
  "name", "email", "title", "company", "roleLevel", "socialResponsibility", "memberType",
  "socialResponsibilityNote", "profileUrl", "referredBy",
] as const;
const KNOWN = new Set<string>(IMPORT_FIELDS);

export type ImportRow = { line: number; input: ApplyInput };
export type ImportProblem = { line: number; message: string };
/** A list without a note for someone who carries responsibility gets this, so the origin is plain. */
export const IMPORTED_NOTE = "Imported from an existing list; no note was given.";

function normalizeRow(raw: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) row[key] = typeof value === "string" ? value.trim() : value;
  const sr = row.socialResponsibility;
  if (sr === true || (typeof sr === "string" && /^(yes|true|1|y)$/i.test(sr))) row.socialResponsibility = "yes";
  else if (sr === false || (typeof sr === "string" && /^(no|false|0|n)$/i.test(sr))) row.socialResponsibility = "no";
  for (const optional of ["socialResponsibilityNote", "profileUrl", "referredBy"]) if (row[optional] === "" || row[optional] === null) delete row[optional];
  if (row.socialResponsibility === "yes" && row.socialResponsibilityNote === undefined) row.socialResponsibilityNote = IMPORTED_NOTE;
  return row;
}

function validateRow(line: number, raw: Record<string, unknown>, problems: ImportProblem[]): ImportRow | null {
  const unknown = Object.keys(raw).filter((k) => !KNOWN.has(k));
  if (unknown.length) {
    problems.push({ line, message: `unknown ${unknown.length === 1 ? "field" : "fields"} ${unknown.join(", ")} (expected ${IMPORT_FIELDS.join(", ")})` });
    return null;
  }
  const result = applySchema.safeParse(normalizeRow(raw));
  if (!result.success) {
    for (const issue of result.error.issues) problems.push({ line, message: `${issue.path.join(".") || "row"}: ${issue.message}` });
    return null;
  }
  return { line, input: result.data };
}

/** Parses and validates a JSONL or CSV (with a header line) file. Never throws. */
export function parseImportFile(text: string, format: "jsonl" | "csv"): { rows: ImportRow[]; problems: ImportProblem[] } {
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const add = (line: number, raw: Record<string, unknown>) => {
    const row = validateRow(line, raw, problems);
    if (row) rows.push(row);
  };
  if (format === "jsonl") {
    text.split(/\r?\n/).forEach((content, i) => {
      if (!content.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(content);
      } catch (error) {
        problems.push({ line: i + 1, message: `not valid JSON (${(error as Error).message})` });
        return;
      }
      if (!value || typeof value !== "object" || Array.isArray(value)) problems.push({ line: i + 1, message: "must be a JSON object" });
      else add(i + 1, value as Record<string, unknown>);
    });
  } else {
    let records;
    try {
      records = parseCsv(text);
    } catch (error) {
      if (error instanceof CsvSyntaxError) return { rows, problems: [{ line: error.line, message: error.message.replace(/^line \d+: /, "") }] };
      throw error;
    }
    const [header, ...body] = records;
    if (!header) return { rows, problems };
    const names = header.fields.map((f) => f.trim());
    for (const record of body) {
      if (record.fields.length !== names.length) {
        problems.push({ line: record.line, message: `has ${record.fields.length} fields; the header has ${names.length}` });
        continue;
      }
      add(record.line, Object.fromEntries(names.map((name, i) => [name, record.fields[i]])));
    }
  }
  // The same email twice in one file is a mistake in the list.
  const seen = new Map<string, number>();
  for (const row of rows) {
    const email = normalizeEmail(row.input.email);
    const first = seen.get(email);
    if (first !== undefined) problems.push({ line: row.line, message: `email: ${row.input.email} already appears on line ${first}` });
    else seen.set(email, row.line);
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems };
}

/** Problems only the database can see: an open application or a membership for the same email. */
export async function findConflicts(db: Db, rows: ImportRow[]): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const emails = rows.map((r) => normalizeEmail(r.input.email));
  if (!emails.length) return problems;
  const open = new Set<string>();
  const members = new Set<string>();
  for (let i = 0; i < emails.length; i += 500) {
    const chunk = emails.slice(i, i + 500);
    for (const a of await db.selectFrom("applications").select("email_normalized").where("status", "=", "pending").where("email_normalized", "in", chunk).execute()) open.add(a.email_normalized);
    for (const p of await db.selectFrom("people").select("email_normalized").where("email_normalized", "in", chunk).execute()) members.add(p.email_normalized);
  }
  rows.forEach((row, i) => {
    if (open.has(emails[i])) problems.push({ line: row.line, message: `email: an application from ${row.input.email} is already open` });
    else if (members.has(emails[i])) problems.push({ line: row.line, message: `email: ${row.input.email} already belongs to a member` });
  });
  return problems;
}

function newReference(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `APP-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")}`;
}

/** Inserts every row in one transaction, or none. Returns the references. */
export async function importApplications(db: Db, rows: ImportRow[], source: string, now = new Date()): Promise<string[]> {
  const policy = await getCurrentPolicy(db);
  const dueAt = addDays(now, policy.rules.reviewWindowDays).toISOString();
  return db.transaction().execute(async (trx) => {
    const references: string[] = [];
    for (const { line, input } of rows) {
      const email = normalizeEmail(input.email);
      const responsibility = input.socialResponsibility === "yes";
      const verdict = evaluateEligibility({
        name: input.name, email, title: input.title, company: input.company, roleLevel: input.roleLevel, memberType: input.memberType, socialResponsibility: responsibility,
      }, policy);
      const token = generateToken();
      const reference = newReference();
      const row = await trx.insertInto("applications").values({
        reference, status_token_hash: hashToken(token), name: input.name, email: input.email, email_normalized: email,
        title: input.title, company: input.company, role_level: input.roleLevel, member_type: input.memberType,
        social_responsibility: responsibility ? 1 : 0, social_responsibility_note: input.socialResponsibilityNote,
        profile_url: input.profileUrl ?? null, referred_by: input.referredBy ?? null, created_at: nowIso(now), due_at: dueAt,
        verdict_outcome: verdict.outcome, verdict_policy_version: verdict.policyVersion, verdict_reasons: JSON.stringify(verdict.reasons),
      }).returning("id").executeTakeFirstOrThrow();
      await queueEmail(trx, {
        to: input.email,
        kind: "application_received",
        subject: `Your application to Council (${reference})`,
        text:
          `Dear ${input.name},\n\nYour request to join Council has been recorded as an application. Your reference is ${reference}.\n\n` +
          `Expect a decision by ${formatDate(dueAt)}. A reviewer verifies your role and company, and the council's written ` +
          `eligibility policy decides; the same rules apply to everyone.\n\n` +
          `Follow your application here (keep this link private):\n${absoluteUrl(`/apply/status/${token}`)}\n\n— The Council founders\n`,
      });
      await recordAudit(trx, {
        actorId: null, action: "application.submitted", subjectType: "application", subjectId: row.id, rule: "eligibility_policy",
        policyVersion: verdict.policyVersion, reason: `Imported from ${source} (line ${line}); policy verdict: ${verdict.outcome}.`,
        details: { imported: true, source, line },
      });
      references.push(reference);
    }
    return references;
  });
}
