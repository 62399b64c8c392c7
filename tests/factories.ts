// Test data builders: sensible defaults, override what the test is about.
import type { Db } from "../app/platform/db.server";
import { loadActor } from "../app/accounts/session.server";
import type { Actor } from "../app/accounts/permissions";
import type { MemberType, Role, RoleLevel } from "../db/schema";
import { bumpForumVersion } from "../app/forum/forum-version.server";

let counter = 0;
const next = () => ++counter;

export type PersonOverrides = {
  email?: string;
  name?: string;
  title?: string;
  company?: string;
  roleLevel?: RoleLevel;
  memberType?: MemberType;
  socialResponsibility?: boolean;
  status?: "active" | "revoked" | "suspended";
  roles?: Role[];
  chapterId?: number | null;
  presidentOf?: number;
  passwordHash?: string | null;
  joinedAt?: string;
};

/** Inserts a person (an active VP executive member by default) and returns them as an Actor. */
export async function makeMember(db: Db, o: PersonOverrides = {}): Promise<Actor> {
  const n = next();
  const email = o.email ?? `person${n}@company${n}.example`;
  const person = await db.insertInto("people").values({
    email,
    email_normalized: email.toLowerCase(),
    name: o.name ?? `Person ${n}`,
    title: o.title ?? "VP, Social Media",
    company: o.company ?? `Company ${n}`,
    role_level: o.roleLevel ?? "vp",
    member_type: o.memberType ?? "executive",
    social_responsibility: o.socialResponsibility === false ? 0 : 1,
    status: o.status ?? "active",
    password_hash: o.passwordHash ?? null,
    chapter_id: o.chapterId ?? null,
    joined_at: o.joinedAt ?? new Date(Date.now() - 30 * 86_400_000).toISOString(),
  }).returning("id").executeTakeFirstOrThrow();
  for (const role of o.roles ?? ["member"]) {
    await db.insertInto("person_roles").values({
      person_id: person.id, role, chapter_id: role === "chapter_president" ? (o.presidentOf ?? null) : null, granted_at: new Date().toISOString(),
    }).execute();
  }
  return (await loadActor(db, person.id))!;
}

export async function makeChapter(db: Db, name = `Chapter ${next()}`) {
  return db.insertInto("chapters").values({ slug: name.toLowerCase().replace(/\W+/g, "-"), name, created_at: new Date().toISOString() })
    .returning("id").executeTakeFirstOrThrow();
}

/** A thread with one opening post (plus optional replies by the same author). */
export async function makeThread(db: Db, author: Actor, o: { title?: string; body?: string; lifecycleArea?: string; discipline?: string; maturityStage?: string | null; chapterId?: number | null; status?: "published" | "held"; replies?: number } = {}) {
  const now = new Date().toISOString();
  const body = o.body ?? "How do you measure the ROI of social customer care?";
  const replies = o.replies ?? 0;
  const thread = await db.insertInto("threads").values({
    author_id: author.id, title: o.title ?? `Thread ${next()}`, lifecycle_area: o.lifecycleArea ?? "customer", discipline: o.discipline ?? "measurement",
    maturity_stage: o.maturityStage ?? null, chapter_id: o.chapterId ?? null, status: o.status ?? "published", post_count: 1 + replies,
    created_at: now, last_post_at: now,
  }).returning("id").executeTakeFirstOrThrow();
  for (let n = 1; n <= 1 + replies; n++) {
    await db.insertInto("posts").values({
      thread_id: thread.id, author_id: author.id, number: n, body_markdown: body, body_html: `<p>${body}</p>`, created_at: now,
      status: o.status ?? "published",
    }).execute();
  }
  await bumpForumVersion(db); // as starting a thread does: the grid counts it (forum-version.server.ts)
  return thread;
}
