// A production council's first founder, made from the shell (npm run create-founder) because there is
// no demo seed and no one yet to invite them. Refuses when an active founder exists unless the operator
// says `another`. The password meets the same rules as a reset (12+ characters, zxcvbn score ≥ 3).
import type { MemberType, RoleLevel } from "../../db/schema";
import type { Db } from "../platform/db.server";
import { recordAudit } from "../platform/audit.server";
import { Conflict, Invalid } from "../platform/errors";
import { nowIso } from "../platform/time";
import { hashPassword, normalizeEmail } from "../accounts/auth.server";
import { newPasswordErrors } from "../accounts/password-strength.server";

export type NewFounder = {
  email: string; name: string; title: string; company: string; roleLevel: RoleLevel; memberType: MemberType; password: string;
};

/** How many active founders the council has. */
export async function countActiveFounders(db: Db): Promise<number> {
  const row = await db.selectFrom("person_roles").innerJoin("people", "people.id", "person_roles.person_id")
    .select((eb) => eb.fn.count<number>("people.id").distinct().as("n"))
    .where("person_roles.role", "=", "founder").where("people.status", "=", "active").executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Creates an active founder (member and founder roles) and audits it. Returns the new person's id. */
export async function createFounder(db: Db, input: NewFounder, options: { another: boolean }, now = new Date()): Promise<number> {
  const errors = newPasswordErrors(input.password, input.password, [input.name, input.email, input.company]);
  if (errors.password) throw new Invalid(`The password is not accepted: ${errors.password}`, errors);
  const passwordHash = await hashPassword(input.password);
  const email = normalizeEmail(input.email);
  return db.transaction().execute(async (trx) => {
    const founders = await countActiveFounders(trx);
    if (founders > 0 && !options.another) {
      throw new Conflict(`This council already has ${founders === 1 ? "an active founder" : `${founders} active founders`}; nothing was created. ` +
        "To add one more, run again with --another (or invite them from /invitations/new).");
    }
    const taken = await trx.selectFrom("people").select("id").where("email_normalized", "=", email).executeTakeFirst();
    if (taken) throw new Conflict(`${input.email} already belongs to an account; nothing was created.`);
    const person = await trx.insertInto("people").values({
      email: input.email.trim(), email_normalized: email, name: input.name, title: input.title, company: input.company,
      role_level: input.roleLevel, member_type: input.memberType, social_responsibility: 1, password_hash: passwordHash,
      chapter_id: null, joined_at: nowIso(now),
    }).returning("id").executeTakeFirstOrThrow();
    for (const role of ["member", "founder"] as const) {
      await trx.insertInto("person_roles").values({ person_id: person.id, role, chapter_id: null, granted_by: null, granted_at: nowIso(now) }).execute();
    }
    await recordAudit(trx, {
      actorId: null, action: "founder.created", subjectType: "person", subjectId: person.id,
      reason: founders === 0 ? "The council's first founder, created from the command line (npm run create-founder)." :
        "Another founder, created from the command line (npm run create-founder --another).",
      details: { email: input.email.trim(), activeFoundersBefore: founders },
    });
    return person.id;
  });
}
