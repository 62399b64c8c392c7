// Chapters: founders create them and appoint each one's president; members join one chapter;
// a chapter's president (and founders) hold gatherings that its members say they will attend.
import type { ChapterAction, ChapterInput, GatheringInput } from "./schemas/chapters";
import { recordAudit } from "../platform/audit.server";
import type { Db } from "../platform/db.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/errors";
import { can, type Actor } from "../accounts/permissions";
import { visibleThreads } from "../forum/threads.server";
import { nowIso } from "../platform/time";

export const slugify = (name: string) =>
  name.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);

/** Every chapter with its number of active members and its president. */
export async function listChapters(db: Db) {
  const chapters = await db
    .selectFrom("chapters")
    .leftJoin("people", (j) => j.onRef("people.chapter_id", "=", "chapters.id").on("people.status", "=", "active"))
    .select((eb) => ["chapters.id", "chapters.slug", "chapters.name", "chapters.description", eb.fn.count<number>("people.id").as("member_count")])
    .groupBy(["chapters.id", "chapters.slug", "chapters.name", "chapters.description"])
    .orderBy("chapters.name")
    .execute();
  const presidents = await listPresidents(db);
  return chapters.map((c) => ({ ...c, member_count: Number(c.member_count), president: presidents.get(c.id) ?? null }));
}

async function listPresidents(db: Db, chapterId?: number) {
  let query = db
    .selectFrom("person_roles")
    .innerJoin("people", "people.id", "person_roles.person_id")
    .select(["person_roles.chapter_id", "people.id", "people.name"])
    .where("person_roles.role", "=", "chapter_president")
    .where("people.status", "=", "active");
  if (chapterId != null) query = query.where("person_roles.chapter_id", "=", chapterId);
  const rows = await query.execute();
  return new Map(rows.filter((r) => r.chapter_id != null).map((r) => [r.chapter_id!, { id: r.id, name: r.name }]));
}

export async function createChapter(db: Db, actor: Actor, input: ChapterInput) {
  if (!can(actor, "manage_chapters")) throw new Forbidden("Only founders create chapters.");
  const slug = input.slug ?? slugify(input.name);
  if (!slug) throw new Invalid("Please correct the highlighted fields.", { slug: "Choose an address, like new-york." });
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("chapters").select("id").where("slug", "=", slug).executeTakeFirst();
    if (taken) throw new Invalid("Please correct the highlighted fields.", { slug: `A chapter already uses the address “${slug}”.` });
    const chapter = await trx
      .insertInto("chapters")
      .values({ slug, name: input.name, description: input.description, created_at: nowIso() })
      .returning(["id", "slug"])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: actor.id, action: "chapter.created", subjectType: "chapter", subjectId: chapter.id, details: { name: input.name, slug } });
    return chapter;
  });
}

async function findChapter(db: Db, slug: string) {
  const chapter = await db.selectFrom("chapters").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!chapter) throw new NotFound("There is no chapter at this address.");
  return chapter;
}

/**
 * A chapter's page as this member may see it: everyone sees its description, members and
 * gatherings; only its members (and its president) see its threads.
 */
export async function getChapterPage(db: Db, actor: Actor, slug: string, now = new Date()) {
  const chapter = await findChapter(db, slug);
  // Its president counts as a member here, as in visibleThreads, even before joining.
  const isMember = actor.chapterId === chapter.id || actor.presidentOf.includes(chapter.id);
  const [members, president, threads, gatherings] = await Promise.all([
    db.selectFrom("people").select(["id", "name", "title", "company"])
      .where("chapter_id", "=", chapter.id).where("status", "=", "active").orderBy("name").execute(),
    listPresidents(db, chapter.id).then((m) => m.get(chapter.id) ?? null),
    isMember
      ? db.selectFrom("threads").innerJoin("people", "people.id", "threads.author_id")
        .select(["threads.id", "threads.title", "threads.post_count", "threads.last_post_at", "people.name as author_name"])
        .where(visibleThreads(actor)).where("threads.chapter_id", "=", chapter.id)
        .orderBy("threads.last_post_at", "desc").limit(50).execute()
      : Promise.resolve(null),
    listGatherings(db, actor, chapter.id),
  ]);
  const nowStamp = nowIso(now);
  return {
    chapter,
    isMember,
    /** Joined this chapter (people.chapter_id), or another one: what the join/leave button offers. */
    joined: actor.chapterId === chapter.id,
    inAnotherChapter: actor.chapterId != null && actor.chapterId !== chapter.id,
    president,
    members,
    threads,
    upcoming: gatherings.filter((g) => g.starts_at >= nowStamp && !g.cancelled_at),
    past: gatherings.filter((g) => g.starts_at < nowStamp || g.cancelled_at).reverse(),
    canManageGatherings: can(actor, "manage_gatherings", { chapterId: chapter.id }),
    canAppoint: can(actor, "manage_chapters"),
  };
}

async function listGatherings(db: Db, actor: Actor, chapterId: number) {
  const gatherings = await db.selectFrom("gatherings").selectAll()
    .where("chapter_id", "=", chapterId).orderBy("starts_at").orderBy("id").execute();
  const attendance = gatherings.length
    ? await db.selectFrom("gathering_attendance").innerJoin("people", "people.id", "gathering_attendance.person_id")
      .select(["gathering_attendance.gathering_id", "people.id", "people.name"])
      .where("gathering_attendance.gathering_id", "in", gatherings.map((g) => g.id))
      .where("people.status", "=", "active")
      .orderBy("people.name").execute()
    : [];
  return gatherings.map((g) => {
    const attendees = attendance.filter((a) => a.gathering_id === g.id).map((a) => ({ id: a.id, name: a.name }));
    return { ...g, attendees, attending: attendees.some((a) => a.id === actor.id) };
  });
}

/** Joins a chapter; a member belongs to at most one, so joining another moves them. */
export async function joinChapter(db: Db, actor: Actor, chapterId: number) {
  return db.transaction().execute(async (trx) => {
    const chapter = await trx.selectFrom("chapters").select(["id", "name"]).where("id", "=", chapterId).executeTakeFirst();
    if (!chapter) throw new NotFound("There is no such chapter.");
    const person = await trx.selectFrom("people").select("chapter_id").where("id", "=", actor.id).executeTakeFirstOrThrow();
    if (person.chapter_id === chapterId) return { moved: false };
    await assertNotPresiding(trx, actor.id, "move to another chapter", chapterId);
    await trx.updateTable("people").set({ chapter_id: chapterId }).where("id", "=", actor.id).execute();
    await recordAudit(trx, { actorId: actor.id, action: "chapter.joined", subjectType: "chapter", subjectId: chapterId, details: { from: person.chapter_id } });
    return { moved: person.chapter_id != null };
  });
}

/** Leaves the member's chapter. A president stays until a founder appoints a successor. */
export async function leaveChapter(db: Db, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("people").select("chapter_id").where("id", "=", actor.id).executeTakeFirstOrThrow();
    if (person.chapter_id == null) throw new Conflict("You are not in a chapter.");
    await assertNotPresiding(trx, actor.id, "leave");
    await trx.updateTable("people").set({ chapter_id: null }).where("id", "=", actor.id).execute();
    await recordAudit(trx, { actorId: actor.id, action: "chapter.left", subjectType: "chapter", subjectId: person.chapter_id });
  });
}

async function assertNotPresiding(db: Db, personId: number, what: string, exceptChapterId?: number) {
  let query = db.selectFrom("person_roles").innerJoin("chapters", "chapters.id", "person_roles.chapter_id")
    .select("chapters.name").where("person_roles.person_id", "=", personId).where("person_roles.role", "=", "chapter_president");
  if (exceptChapterId != null) query = query.where("person_roles.chapter_id", "!=", exceptChapterId);
  const presides = await query.executeTakeFirst();
  if (presides) {
    throw new Conflict(`You are the president of the ${presides.name} chapter. A founder must appoint your successor before you can ${what}.`);
  }
}

/** Appoints a member of the chapter as its president, replacing the previous one. */
export async function appointPresident(db: Db, actor: Actor, input: { chapterId: number; personId: number }) {
  if (!can(actor, "manage_chapters")) throw new Forbidden("Only founders appoint chapter presidents.");
  return db.transaction().execute(async (trx) => {
    const chapter = await trx.selectFrom("chapters").select(["id", "name"]).where("id", "=", input.chapterId).executeTakeFirst();
    if (!chapter) throw new NotFound("There is no such chapter.");
    const person = await trx.selectFrom("people").select(["id", "name", "status", "chapter_id"]).where("id", "=", input.personId).executeTakeFirst();
    if (!person || person.status !== "active" || person.chapter_id !== chapter.id) {
      throw new Invalid("Please correct the highlighted fields.", { personId: `The president must be an active member of the ${chapter.name} chapter.` });
    }
    const previous = await trx.selectFrom("person_roles").select(["id", "person_id"])
      .where("role", "=", "chapter_president").where("chapter_id", "=", chapter.id).execute();
    if (previous.length === 1 && previous[0].person_id === person.id) throw new Conflict(`${person.name} is already the president of this chapter.`);
    if (previous.length) await trx.deleteFrom("person_roles").where("id", "in", previous.map((p) => p.id)).execute();
    await trx.insertInto("person_roles")
      .values({ person_id: person.id, role: "chapter_president", chapter_id: chapter.id, granted_by: actor.id, granted_at: nowIso() })
      .execute();
    await recordAudit(trx, {
      actorId: actor.id, action: "chapter.president_appointed", subjectType: "chapter", subjectId: chapter.id,
      details: { personId: person.id, previous: previous.map((p) => p.person_id) },
    });
    return { president: { id: person.id, name: person.name }, previous: previous.map((p) => p.person_id) };
  });
}

// ---- gatherings ------------------------------------------------------------------------------

function assertFuture(startsAt: string, now: Date) {
  if (startsAt <= nowIso(now)) {
    throw new Invalid("Please correct the highlighted fields.", { startsAt: "Choose a date and time in the future." });
  }
}

export async function createGathering(db: Db, actor: Actor, input: GatheringInput & { chapterId: number }, now = new Date()) {
  if (!can(actor, "manage_gatherings", { chapterId: input.chapterId })) throw new Forbidden("Only the chapter's president and founders hold its gatherings.");
  assertFuture(input.startsAt, now);
  return db.transaction().execute(async (trx) => {
    const gathering = await trx.insertInto("gatherings").values({
      chapter_id: input.chapterId, title: input.title, starts_at: input.startsAt, place: input.place, link: input.link,
      created_by: actor.id, created_at: nowIso(now),
    }).returning("id").executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: actor.id, action: "gathering.created", subjectType: "gathering", subjectId: gathering.id, details: { chapterId: input.chapterId, title: input.title, startsAt: input.startsAt } });
    return gathering;
  });
}

/** A gathering of the chapter at `slug`, for its edit and cancel pages. */
export async function getGathering(db: Db, actor: Actor, slug: string, gatheringId: number) {
  const chapter = await findChapter(db, slug);
  const gathering = await db.selectFrom("gatherings").selectAll()
    .where("id", "=", gatheringId).where("chapter_id", "=", chapter.id).executeTakeFirst();
  if (!gathering) throw new NotFound("There is no such gathering in this chapter.");
  if (!can(actor, "manage_gatherings", { chapterId: chapter.id })) throw new Forbidden("Only the chapter's president and founders change its gatherings.");
  return { chapter, gathering };
}

async function loadManageable(db: Db, actor: Actor, gatheringId: number) {
  const gathering = await db.selectFrom("gatherings").selectAll().where("id", "=", gatheringId).executeTakeFirst();
  if (!gathering) throw new NotFound("There is no such gathering.");
  if (!can(actor, "manage_gatherings", { chapterId: gathering.chapter_id })) throw new Forbidden("Only the chapter's president and founders change its gatherings.");
  if (gathering.cancelled_at) throw new Conflict("This gathering was cancelled.");
  return gathering;
}

export async function updateGathering(db: Db, actor: Actor, input: GatheringInput & { gatheringId: number }, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const gathering = await loadManageable(trx, actor, input.gatheringId);
    if (input.startsAt !== gathering.starts_at) assertFuture(input.startsAt, now);
    await trx.updateTable("gatherings").set({ title: input.title, starts_at: input.startsAt, place: input.place, link: input.link })
      .where("id", "=", gathering.id).execute();
    await recordAudit(trx, { actorId: actor.id, action: "gathering.updated", subjectType: "gathering", subjectId: gathering.id, details: { title: input.title, startsAt: input.startsAt } });
  });
}

export async function cancelGathering(db: Db, actor: Actor, gatheringId: number, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const gathering = await loadManageable(trx, actor, gatheringId);
    await trx.updateTable("gatherings").set({ cancelled_at: nowIso(now) }).where("id", "=", gathering.id).execute();
    await recordAudit(trx, { actorId: actor.id, action: "gathering.cancelled", subjectType: "gathering", subjectId: gathering.id, details: { title: gathering.title } });
  });
}

/** "I will attend" (once per person) or "No longer attending", for members of the gathering's chapter. */
export async function setAttendance(db: Db, actor: Actor, input: { gatheringId: number; attending: boolean }, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const gathering = await trx.selectFrom("gatherings").selectAll().where("id", "=", input.gatheringId).executeTakeFirst();
    if (!gathering) throw new NotFound("There is no such gathering.");
    const inChapter = actor.chapterId === gathering.chapter_id || actor.presidentOf.includes(gathering.chapter_id);
    if (!inChapter) throw new Forbidden("Join the chapter to say you will attend its gatherings.");
    if (gathering.cancelled_at) throw new Conflict("This gathering was cancelled.");
    if (gathering.starts_at < nowIso(now)) throw new Conflict("This gathering has already taken place.");
    if (input.attending) {
      await trx.insertInto("gathering_attendance")
        .values({ gathering_id: gathering.id, person_id: actor.id, created_at: nowIso(now) })
        .onConflict((oc) => oc.columns(["gathering_id", "person_id"]).doNothing())
        .execute();
    } else {
      await trx.deleteFrom("gathering_attendance").where("gathering_id", "=", gathering.id).where("person_id", "=", actor.id).execute();
    }
    const { count } = await trx.selectFrom("gathering_attendance").select((eb) => eb.fn.countAll<number>().as("count"))
      .where("gathering_id", "=", gathering.id).executeTakeFirstOrThrow();
    return { attendeeCount: Number(count) };
  });
}

/** The buttons on a chapter's page, for its route: one call that resolves the chapter and acts. */
export async function actOnChapter(db: Db, actor: Actor, slug: string, action: ChapterAction) {
  const chapter = await findChapter(db, slug);
  switch (action.intent) {
    case "join": {
      const { moved } = await joinChapter(db, actor, chapter.id);
      return { notice: moved ? `You moved to the ${chapter.name} chapter.` : `Welcome to the ${chapter.name} chapter.` };
    }
    case "leave":
      await leaveChapter(db, actor);
      return { notice: `You left the ${chapter.name} chapter.` };
    case "attend":
    case "unattend": {
      await assertGatheringInChapter(db, action.gatheringId, chapter.id);
      const attending = action.intent === "attend";
      await setAttendance(db, actor, { gatheringId: action.gatheringId, attending });
      return { notice: attending ? "You said you will attend." : "You are no longer attending." };
    }
    case "appoint": {
      const { president } = await appointPresident(db, actor, { chapterId: chapter.id, personId: action.personId });
      return { notice: `${president.name} is now the president of the ${chapter.name} chapter.` };
    }
  }
}

async function assertGatheringInChapter(db: Db, gatheringId: number, chapterId: number) {
  const found = await db.selectFrom("gatherings").select("id").where("id", "=", gatheringId).where("chapter_id", "=", chapterId).executeTakeFirst();
  if (!found) throw new NotFound("There is no such gathering in this chapter.");
}

/** Creates a gathering in the chapter at `slug` (the new-gathering page). */
export async function createGatheringIn(db: Db, actor: Actor, slug: string, input: GatheringInput) {
  const chapter = await findChapter(db, slug);
  await createGathering(db, actor, { ...input, chapterId: chapter.id });
  return chapter;
}

/** Changes a gathering of the chapter at `slug` (its edit page). */
export async function updateGatheringIn(db: Db, actor: Actor, slug: string, gatheringId: number, input: GatheringInput) {
  const { chapter, gathering } = await getGathering(db, actor, slug, gatheringId);
  await updateGathering(db, actor, { ...input, gatheringId: gathering.id });
  return chapter;
}

/** Cancels a gathering of the chapter at `slug` (its confirmation page). */
export async function cancelGatheringIn(db: Db, actor: Actor, slug: string, gatheringId: number) {
  const { chapter, gathering } = await getGathering(db, actor, slug, gatheringId);
  await cancelGathering(db, actor, gathering.id);
  return chapter;
}

/** The chapter at `slug`, for pages that only need its name (and a 404 when it does not exist). */
export async function getChapter(db: Db, actor: Actor, slug: string, need?: "manage_gatherings") {
  const chapter = await findChapter(db, slug);
  if (need && !can(actor, need, { chapterId: chapter.id })) throw new Forbidden("Only the chapter's president and founders hold its gatherings.");
  return chapter;
}
