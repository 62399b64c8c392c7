// Sessions as the Lucia guide describes them (the lucia package itself is deprecated):
// a random token lives only in an HttpOnly cookie; the database stores its SHA-256, with an
// expiry that slides forward while the person keeps using the council.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { data, redirect } from "@remix-run/node";
import type { Db } from "../platform/db.server";
import { getDb } from "../platform/db.server";
import { getEnv } from "../platform/env.server";
import { clientIp } from "../platform/request.server";
import { noteRequestMember } from "../platform/request-member.server";
import { signPersonToken, verifyPersonToken } from "../platform/signed-token.server";
import { can, needsTwoFactorEnrolment, type Action, type Actor, type Subject } from "./permissions";
import { addDays, nowIso } from "../platform/time";
import { truncateIp } from "./user-agent";

const COOKIE = "council_session";
const DAY = 86_400_000;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export const sessionIdFromToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export async function createSession(db: Db, personId: number, days = getEnv().sessionDays) {
  const token = generateSessionToken();
  const now = new Date();
  const expiresAt = addDays(now, days);
  await db
    .insertInto("sessions")
    .values({ id: sessionIdFromToken(token), person_id: personId, expires_at: expiresAt.toISOString(), created_at: nowIso(now) })
    .execute();
  return { token, expiresAt };
}

// A person and their roles in one query: one row per role (one row of nulls for a person with none).
const actorRows = (db: Db) => db
  .selectFrom("people")
  .leftJoin("person_roles", "person_roles.person_id", "people.id")
  .select([
    "people.id", "people.name", "people.email", "people.title", "people.company", "people.role_level", "people.member_type",
    "people.status", "people.chapter_id", "people.totp_enabled_at", "person_roles.role", "person_roles.chapter_id as role_chapter_id",
  ]);
type ActorRow = Awaited<ReturnType<ReturnType<typeof actorRows>["executeTakeFirstOrThrow"]>>;

function actorFrom(rows: ActorRow[]): Actor | null {
  const person = rows[0];
  if (!person) return null;
  const roles = rows.flatMap((r) => (r.role ? [{ role: r.role, chapterId: r.role_chapter_id }] : []));
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    title: person.title,
    company: person.company,
    roleLevel: person.role_level,
    memberType: person.member_type,
    status: person.status,
    roles: [...new Set(roles.map((r) => r.role))],
    presidentOf: roles.filter((r) => r.role === "chapter_president" && r.chapterId != null).map((r) => r.chapterId!),
    chapterId: person.chapter_id,
    twoFactorEnabled: person.totp_enabled_at !== null,
  };
}

export async function loadActor(db: Db, personId: number): Promise<Actor | null> {
  return actorFrom(await actorRows(db).where("people.id", "=", personId).execute());
}

export type ValidSession = { sessionId: string; expiresAt: Date; renewed: boolean; actor: Actor };

/** Returns the session's actor, or null if the token is unknown, expired, or its person is no longer active. */
export async function validateSessionToken(db: Db, token: string, days = getEnv().sessionDays): Promise<ValidSession | null> {
  const sessionId = sessionIdFromToken(token);
  // The session, its person and their roles: one query on every signed-in page.
  const rows = await actorRows(db)
    .innerJoin("sessions", "sessions.person_id", "people.id")
    .select(["sessions.expires_at", "sessions.last_used_at"])
    .where("sessions.id", "=", sessionId)
    .execute();
  const row = rows[0];
  if (!row) return null;
  const now = Date.now();
  let expiresAt = new Date(row.expires_at);
  if (now >= expiresAt.getTime() || row.status !== "active") {
    await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
    return null;
  }
  // "Last used" for /settings/security, written at most every five minutes.
  if (!row.last_used_at || now - new Date(row.last_used_at).getTime() > 5 * 60_000) {
    await db.updateTable("sessions").set({ last_used_at: new Date(now).toISOString() }).where("id", "=", sessionId).execute();
  }
  // Slide the expiry forward once half of it has been used.
  let renewed = false;
  if (now >= expiresAt.getTime() - (days * DAY) / 2) {
    expiresAt = new Date(now + days * DAY);
    renewed = true;
    await db.updateTable("sessions").set({ expires_at: expiresAt.toISOString() }).where("id", "=", sessionId).execute();
  }
  return { sessionId, expiresAt, renewed, actor: actorFrom(rows)! };
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session a person has, on every device, at once. */
export async function invalidateAllSessions(db: Db, personId: number) {
  await db.deleteFrom("sessions").where("person_id", "=", personId).execute();
}

// ---- cookies -------------------------------------------------------------------------------

export function sessionCookie(token: string, expiresAt: Date): string {
  const secure = getEnv().mode === "production" ? "; Secure" : "";
  return `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
}
export function clearSessionCookie(): string {
  const secure = getEnv().mode === "production" ? "; Secure" : "";
  return `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}
export function readSessionToken(request: Request): string | null {
  return sessionTokenFromCookies(request.headers.get("Cookie") ?? "");
}
/** The session token in a Cookie header, or null. */
export const sessionTokenFromCookies = (header: string): string | null => cookieValue(header, COOKIE);

function cookieValue(header: string, cookie: string): string | null {
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === cookie) return rest.join("=") || null;
  }
  return null;
}

// The known-browser cookie: "this browser has signed in as person N", signed so it cannot be made up.
// It outlives sessions (signing out keeps it) and lifts the per-account sign-in ceiling for its person
// only (app/platform/limits.ts), so nobody can lock a member out of their own browsers.
const BROWSER_COOKIE = "council_browser";
const BROWSER_COOKIE_DAYS = 400;

export function knownBrowserCookie(personId: number): string {
  const secure = getEnv().mode === "production" ? "; Secure" : "";
  return `${BROWSER_COOKIE}=${signPersonToken("known-browser", personId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${BROWSER_COOKIE_DAYS * 86_400}${secure}`;
}
/** Whom this browser has signed in as before, or null. */
export function knownBrowserPersonId(request: Request): number | null {
  const value = cookieValue(request.headers.get("Cookie") ?? "", BROWSER_COOKIE);
  return value ? verifyPersonToken("known-browser", value) : null;
}

/** Signs in someone who has just proved who they are: a new session, and this browser remembered as theirs. */
/** Notes the browser and approximate place of a session just made (startSession calls it). */
export async function recordSessionClient(db: Db, token: string, client: SessionClient) {
  await db.updateTable("sessions").set({
    user_agent: client.userAgent?.slice(0, 400) ?? null, ip_prefix: truncateIp(client.ip), last_used_at: nowIso(),
  }).where("id", "=", sessionIdFromToken(token)).execute();
}

export type SessionClient = { userAgent: string | null; ip: string };

/** The browser and address a request comes from, as a new session records them. */
export const sessionClient = (request: Request): SessionClient => ({ userAgent: request.headers.get("User-Agent"), ip: clientIp(request) });

/** A new session after a proven sign-in: its cookies, and the browser and place it was made from when known. */
export async function startSession(db: Db, personId: number, client?: SessionClient): Promise<Headers> {
  const { token, expiresAt } = await createSession(db, personId);
  if (client) await recordSessionClient(db, token, client);
  return new Headers([["Set-Cookie", sessionCookie(token, expiresAt)], ["Set-Cookie", knownBrowserCookie(personId)]]);
}

// ---- request helpers for loaders and actions -----------------------------------------------

const perRequest = new WeakMap<Request, Promise<ValidSession | null>>();
/**
 * Validations in flight, by token. Remix hands the root loader and the page's loader each its own copy of a
 * document request, and calls them together: they share the one validation instead of reading the session, the
 * person and their roles twice. Forgotten as soon as it settles, so every later request reads the database again
 * (a sign-out or a revocation takes effect on the next request, as before).
 */
const inFlight = new Map<string, Promise<ValidSession | null>>();

function validateOnce(token: string): Promise<ValidSession | null> {
  let pending = inFlight.get(token);
  if (!pending) {
    pending = validateSessionToken(getDb(), token);
    inFlight.set(token, pending);
    const forget = () => inFlight.delete(token);
    pending.then(forget, forget);
  }
  return pending;
}

/** The signed-in session for this request (validated once per request), or null. */
export function getSession(request: Request): Promise<ValidSession | null> {
  let found = perRequest.get(request);
  if (!found) {
    const token = readSessionToken(request);
    found = token ? validateOnce(token) : Promise.resolve(null);
    perRequest.set(request, found);
    found.then((session) => noteRequestMember(request, session?.actor.id ?? null), () => undefined);
  }
  return found;
}

export async function getActor(request: Request): Promise<Actor | null> {
  return (await getSession(request))?.actor ?? null;
}

/**
 * Only a path on this site, so a crafted link cannot bounce a member to another site. The value is
 * resolved against the site's origin by the URL parser, as a browser would (which drops tabs and line
 * breaks and reads a backslash as a slash, so `/\t/evil.example` means `//evil.example`); anything that lands on
 * another origin becomes `fallback`. What comes back is the parser's serialisation: ASCII only, safe
 * in a Location header.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  const origin = new URL(getEnv().publicUrl).origin;
  let url: URL;
  try {
    url = new URL(to, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  return url.pathname + url.search + url.hash;
}

/** An active member, or a redirect to sign-in that returns here afterwards. */
export async function requireMember(request: Request): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    const headers = readSessionToken(request) ? { "Set-Cookie": clearSessionCookie() } : undefined;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`, { headers });
  }
  return actor;
}

/** An active member allowed to do `action`; otherwise 403 (or sign-in when anonymous). */
export async function requirePermission(request: Request, action: Action, subject?: Subject): Promise<Actor> {
  const actor = await requireMember(request);
  if (!can(actor, action, subject)) throw forbidden();
  requireTwoFactorForStaff(actor, action);
  return actor;
}

/** Staff pages wait until founders, moderators and chapter presidents enrol a second factor (production mode). */
export function requireTwoFactorForStaff(actor: Actor, action: Action) {
  if (needsTwoFactorEnrolment(actor, action, getEnv().mode)) throw redirect("/settings/security?required=two-factor");
}

/** A 403 for the route's error boundary. */
export function forbidden(message = "You do not have permission to do that.") {
  return data({ message }, { status: 403 });
}
