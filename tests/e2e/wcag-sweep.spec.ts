// Accessibility sweep: axe-core (WCAG 2.0/2.1 A and AA rules) on every page, for each role that can
// open it; any serious or critical finding fails. One signed-in browser context per role. The founder's
// sweep runs at a phone width in the dark theme, the others on a desktop in the light theme, so both
// layouts and both themes are checked. The file runs after the other journeys (files run in name order
// on one database), so proposals, gatherings, conversations and token links exist to be opened.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { chapterPresidentEmail, e2eDb, expect, signInAs, test } from "./fixtures";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type Role = { name: string; email: string | null; staff: "none" | "president" | "moderator" | "founder"; viewport?: { width: number; height: number }; dark?: boolean };
const ROLES: Role[] = [
  { name: "anonymous", email: null, staff: "none" },
  { name: "member", email: "member@demo.council", staff: "none" },
  { name: "consultant", email: "consultant@demo.council", staff: "none" },
  { name: "chapter president", email: "(current)", staff: "president" },
  { name: "moderator", email: "moderator@demo.council", staff: "moderator" },
  { name: "founder", email: "founder@demo.council", staff: "founder", viewport: { width: 390, height: 844 }, dark: true },
];

/** The pages this role can open, with the ids and links of the e2e database. */
async function pagesFor(role: Role, email: string | null): Promise<string[]> {
  const db = e2eDb();
  try {
    const linkIn = async (pattern: RegExp) => {
      const mails = await db.selectFrom("outbox").select("text_body").orderBy("id", "desc").execute();
      const match = mails.map((m) => pattern.exec(m.text_body)?.[0]).find(Boolean);
      if (!match) throw new Error(`no ${pattern} link in the outbox`);
      return new URL(match).pathname;
    };
    if (!email) {
      return ["/", "/login", "/apply", await linkIn(/http\S+\/apply\/status\/\S+/), await linkIn(/http\S+\/invite\/\S+/),
        await linkIn(/http\S+\/appeal\/\S+/), "/no-such-page"];
    }
    const me = await db.selectFrom("people").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const thread = await db.selectFrom("threads").select("id").where("chapter_id", "is", null).where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
    const othersPost = await db.selectFrom("posts").innerJoin("threads", "threads.id", "posts.thread_id").select("posts.id")
      .where("threads.chapter_id", "is", null).where("posts.status", "=", "published").where("posts.author_id", "!=", me.id).orderBy("posts.id").executeTakeFirstOrThrow();
    const ownPost = await db.selectFrom("posts").select("id").where("author_id", "=", me.id).where("status", "=", "published").orderBy("id").executeTakeFirst();
    const someone = await db.selectFrom("people").select("id").where("id", "!=", me.id).where("status", "=", "active").orderBy("id").executeTakeFirstOrThrow();
    const conversation = await db.selectFrom("conversation_participants").select("conversation_id").where("person_id", "=", me.id).executeTakeFirst();
    const proposal = await db.selectFrom("policy_proposals").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
    const chapter = await db.selectFrom("chapters").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    const gathering = await db.selectFrom("gatherings").select("id").where("chapter_id", "=", chapter.id).where("cancelled_at", "is", null).orderBy("id", "desc").executeTakeFirstOrThrow();
    const pages = [
      "/", "/threads?area=customer&discipline=strategy", `/threads/${thread.id}`, "/threads/new", `/posts/${othersPost.id}/flag`,
      `/posts/${othersPost.id}/history`, "/search?q=social", "/members", `/members/${someone.id}`, "/messages", "/notifications",
      "/chapters", `/chapters/${chapter.slug}`, "/moderation/log", "/policy", "/policy/1", "/policy/proposals", `/policy/proposals/${proposal.id}`,
      "/settings/email", "/settings/account", "/settings/resign",
    ];
    if (ownPost) pages.push(`/posts/${ownPost.id}/edit`);
    // Variants of the same templates (a filtered grid, a malformed query), once.
    if (role.name === "member") pages.push("/?stage=scaling", "/search?q=%22unclosed");
    if (conversation) pages.push(`/messages/${conversation.conversation_id}`);
    if (role.staff !== "none") pages.push("/staff", "/moderation");
    if (role.staff === "president" || role.staff === "founder") {
      pages.push(`/chapters/${chapter.slug}/gatherings/new`, `/chapters/${chapter.slug}/gatherings/${gathering.id}/edit`, `/chapters/${chapter.slug}/gatherings/${gathering.id}/cancel`);
    }
    if (role.staff === "moderator" || role.staff === "founder") {
      const application = await db.selectFrom("applications").select("id").where("status", "=", "pending").orderBy("id").executeTakeFirstOrThrow();
      pages.push("/review", `/review/${application.id}`, "/admin/members", `/admin/members/${someone.id}`);
    }
    if (role.staff === "founder") {
      const draft = await db.selectFrom("eligibility_policies").select("version").where("status", "=", "draft").executeTakeFirst();
      pages.push("/invitations", "/invitations/new", "/outbox", "/appeals", "/dashboard", "/moderation/settings", "/framework/edit", "/chapters/new");
      pages.push(draft ? `/policy/${draft.version}/edit` : "/policy/new");
    }
    return pages;
  } finally {
    await db.destroy();
  }
}

/** Serious and critical axe findings on the open page, one line each. */
async function findings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).options({ resultTypes: ["violations"] }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? v.help}`));
}

for (const role of ROLES) {
  test.describe(`axe, ${role.name}`, () => {
    if (role.viewport) test.use({ viewport: role.viewport });
    if (role.dark) test.use({ colorScheme: "dark" });

    test(`every page a ${role.name} can open has no serious or critical WCAG finding`, async ({ page }) => {
      test.setTimeout(300_000); // 20–40 pages each; a busy machine slows axe down
      const email = role.email === "(current)" ? await chapterPresidentEmail() : role.email;
      if (email) await signInAs(page, email);
      const problems: string[] = [];
      for (const path of await pagesFor(role, email)) {
        const response = await page.goto(path);
        // A used invitation link (410) and an unknown page (404) are pages people see too.
        expect(response?.status(), path).toBeLessThan(/^\/(invite|no-such-page)/.test(path) ? 500 : 400);
        for (const f of await findings(page)) problems.push(`${path}: ${f}`);
      }
      expect(problems).toEqual([]);
    });
  });
}
