// The members directory and member profiles: active members only, for members only.
import { sql } from "kysely";
import { MEMBER_TYPES, ROLE_LEVELS, type MemberType, type RoleLevel } from "../../db/schema";
import type { Db } from "../platform/db.server";
import { NotFound } from "../platform/errors";
import type { Actor } from "../accounts/permissions";
import { visibleThreads } from "./threads.server";

export const MEMBERS_PAGE_SIZE = 50;

export type MemberFilters = {
  /** Part of a name, company or title (case-insensitive). */
  q?: string;
  roleLevel?: string;
  memberType?: string;
  chapterId?: number;
};

const isRoleLevel = (v: string | undefined): v is RoleLevel => !!v && (ROLE_LEVELS as readonly string[]).includes(v);
const isMemberType = (v: string | undefined): v is MemberType => !!v && (MEMBER_TYPES as readonly string[]).includes(v);

/** A LIKE pattern matching `text` anywhere, with the wildcards in it taken literally. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;

/** One page of active members, by name. Filters that are not known values are ignored. */
export async function listMembers(db: Db, _actor: Actor, filters: MemberFilters = {}, page = 1) {
  page = Number.isInteger(page) && page > 0 ? page : 1;
  const q = filters.q?.trim().slice(0, 100);
  let query = db
    .selectFrom("people")
    .leftJoin("chapters", "chapters.id", "people.chapter_id")
    .select([
      "people.id", "people.name", "people.title", "people.company", "people.role_level", "people.member_type",
      "people.joined_at", "chapters.name as chapter_name",
    ])
    .where("people.status", "=", "active");
  if (q) {
    const pattern = containsPattern(q);
    query = query.where((eb) => eb.or([
      eb(sql`lower(people.name)`, "like", sql`${pattern} escape '\\'`),
      eb(sql`lower(people.company)`, "like", sql`${pattern} escape '\\'`),
      eb(sql`lower(people.title)`, "like", sql`${pattern} escape '\\'`),
    ]));
  }
  if (isRoleLevel(filters.roleLevel)) query = query.where("people.role_level", "=", filters.roleLevel);
  if (isMemberType(filters.memberType)) query = query.where("people.member_type", "=", filters.memberType);
  if (filters.chapterId) query = query.where("people.chapter_id", "=", filters.chapterId);
  const rows = await query
    .orderBy("people.name")
    .orderBy("people.id")
    .limit(MEMBERS_PAGE_SIZE + 1)
    .offset((page - 1) * MEMBERS_PAGE_SIZE)
    .execute();
  return { members: rows.slice(0, MEMBERS_PAGE_SIZE), page, hasNext: rows.length > MEMBERS_PAGE_SIZE };
}

export async function listChapters(db: Db) {
  return db.selectFrom("chapters").select(["id", "name"]).orderBy("name").execute();
}

/** An active member's profile and their recent threads that `actor` may see; for a former member, only that they left. */
export async function getMemberProfile(db: Db, actor: Actor, memberId: number) {
  const member = await db
    .selectFrom("people")
    .leftJoin("chapters", "chapters.id", "people.chapter_id")
    .select([
      "people.id", "people.name", "people.title", "people.company", "people.role_level", "people.member_type",
      "people.joined_at", "chapters.name as chapter_name", "people.status",
    ])
    .where("people.id", "=", memberId)
    .where("people.status", "in", ["active", "resigned"])
    .executeTakeFirst();
  if (!member) throw new NotFound("There is no active member at this address.");
  // Links to a resigned person's profile (from their posts in search results) lead to a plain page, not a 404.
  if (member.status === "resigned") return { former: true as const, member: null, roles: [], threads: [] };
  const [roles, threads] = await Promise.all([
    db.selectFrom("person_roles").select("role").distinct().where("person_id", "=", memberId).execute(),
    db
      .selectFrom("threads")
      .select(["threads.id", "threads.title", "threads.lifecycle_area", "threads.discipline", "threads.post_count", "threads.last_post_at"])
      .where("threads.author_id", "=", memberId)
      .where(visibleThreads(actor))
      .orderBy("threads.last_post_at", "desc")
      .limit(10)
      .execute(),
  ]);
  return { former: false as const, member, roles: roles.map((r) => r.role), threads };
}
