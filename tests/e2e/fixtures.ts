// Playwright helpers: sign in by inserting a real session into the e2e database (fast), or
// through the real form where the journey is about signing in.
import { test as base, expect, type Page } from "@playwright/test";
import { openDb } from "../../app/platform/db.server";
import { createSession } from "../../app/accounts/session.server";
import { E2E_DATABASE, E2E_PORT } from "../../playwright.config";

export const DEMO_PASSWORD = "council-demo";
// Domain calls made from the test process (e.g. a revocation, which emails an appeal link) read the
// configuration too: the e2e server runs in demo mode, so does this side.
process.env.COUNCIL_MODE ??= "demo";

export function e2eDb() {
  return openDb(E2E_DATABASE);
}

/** A demo thread's id, by its title. */
export async function threadIdByTitle(title: string) {
  const db = e2eDb();
  try {
    return (await db.selectFrom("threads").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
  } finally {
    await db.destroy();
  }
}

export async function signInAs(page: Page, email: string) {
  const db = e2eDb();
  try {
    const person = await db.selectFrom("people").select("id").where("email_normalized", "=", email.toLowerCase()).executeTakeFirstOrThrow();
    const { token, expiresAt } = await createSession(db, person.id, 30);
    await page.context().addCookies([{
      name: "council_session", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax", expires: Math.floor(expiresAt.getTime() / 1000),
    }]);
  } finally {
    await db.destroy();
  }
}

/**
 * Fails the test on any console error in the page (a console error during a test is a failure), and on any
 * Content-Security-Policy violation: Chromium logs most as console errors, and every one fires a
 * `securitypolicyviolation` event, which is reported here whatever the console says.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [async ({ page }, use) => {
    const errors: string[] = [];
    await page.exposeFunction("__reportCspViolation", (text: string) => errors.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
          `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"} in ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
      });
    });
    // A 403/404 page is expected in some journeys; Chromium logs its status as a resource error.
    page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    await use(errors);
    expect(errors, "console errors during the test").toEqual([]);
  }, { auto: true }],
});

export { expect };
export const baseUrl = `http://localhost:${E2E_PORT}`;

/** Opens a staff tool the way staff do: the header's "Staff" entry, then the tool on the staff home. */
export async function openStaffTool(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff", exact: true }).click();
  await page.getByRole("region", { name: "Staff tools" }).getByRole("link", { name, exact: true }).click();
}

/** The email of a current chapter president (journeys appoint successors, so it is looked up). */
export async function chapterPresidentEmail() {
  const db = e2eDb();
  try {
    return (await db.selectFrom("person_roles").innerJoin("people", "people.id", "person_roles.person_id").select("people.email")
      .where("person_roles.role", "=", "chapter_president").where("people.status", "=", "active").orderBy("person_roles.id").executeTakeFirstOrThrow()).email;
  } finally {
    await db.destroy();
  }
}
