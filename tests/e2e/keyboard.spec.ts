// Keyboard-only journeys: sign in, start a thread, reply, flag a post, decide a held post. Only Tab,
// Shift+Tab, arrow keys, typing and Enter; every element that takes focus on the way shows a visible
// focus indicator.
import type { Locator, Page } from "@playwright/test";
import { replyToThread } from "../../app/forum/posts.server";
import { loadActor } from "../../app/accounts/session.server";
import { DEMO_PASSWORD, e2eDb, expect, signInAs, test, threadIdByTitle } from "./fixtures";

/** The focused element's focus indicator: its outline (style and width) or a box shadow. */
function focusIndicator(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { visible: true, what: "body" };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const what = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
    return { visible: outline || style.boxShadow !== "none", what };
  });
}

/** Waits until the page's scripts have loaded and hydrated it, so keys go to the live page. */
const settled = (page: Page) => page.waitForLoadState("networkidle");

/** Presses Tab until `target` has focus, checking the focus indicator at every stop. */
async function tabTo(page: Page, target: Locator, max = 80) {
  await settled(page);
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const indicator = await focusIndicator(page);
    expect(indicator.visible, `focus indicator on ${indicator.what}`).toBe(true);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

const TITLE = "Which social metrics reach your board pack?";

test.describe.serial("keyboard only", () => {
  // Typing key by key is slow on a loaded machine (2 cores shared): these journeys get three times the usual limit.
  test.slow();
  test("a member signs in, starts a thread and replies to it", async ({ page }) => {
    await page.goto("/login");
    await tabTo(page, page.getByLabel("Work email"));
    await page.keyboard.type("member@demo.council");
    await tabTo(page, page.getByLabel("Password"));
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "The Social Business Framework" })).toBeVisible();

    await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New thread" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Start a thread" })).toBeVisible();
    await tabTo(page, page.getByLabel("Title"));
    await page.keyboard.type(TITLE);
    await tabTo(page, page.getByLabel("Lifecycle area"));
    await page.keyboard.type("Operational");
    await tabTo(page, page.getByLabel("Discipline"));
    await page.keyboard.type("Measurement");
    await expect(page.getByLabel("Lifecycle area")).toHaveValue("operational");
    await expect(page.getByLabel("Discipline")).toHaveValue("measurement");
    await tabTo(page, page.getByLabel("Your post"));
    await page.keyboard.type("Three numbers, no more: response time, sentiment trend, cost per resolved inquiry.");
    await tabTo(page, page.getByRole("button", { name: "Start thread" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();

    await tabTo(page, page.getByLabel("Your reply"));
    await page.keyboard.type("Adding one: the share of escalations resolved in the first reply.");
    await tabTo(page, page.getByRole("button", { name: "Post reply" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("region", { name: "Post 2 by Priya Raman" })).toContainText("resolved in the first reply");
  });

  test("a member flags a post from the keyboard", async ({ page }) => {
    await signInAs(page, "member@demo.council");
    await page.goto(`/threads/${await threadIdByTitle("Cost per resolved inquiry: social vs. phone")}`);
    await tabTo(page, page.getByRole("link", { name: "Flag post 1" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("group", { name: "Why are you flagging this post?" })).toBeVisible();
    await tabTo(page, page.getByRole("radio").first());
    await page.keyboard.press("ArrowDown"); // moves to, and selects, the second reason
    await expect(page.getByRole("radio").nth(1)).toBeChecked();
    await tabTo(page, page.getByLabel(/Note for the moderators/));
    await page.keyboard.type("Reads as an advertisement for a contact-centre vendor.");
    await tabTo(page, page.getByRole("button", { name: "Flag post" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toContainText("your flag is recorded");
  });

  test("a moderator rejects a held post from the keyboard, confirming it", async ({ page }) => {
    const db = e2eDb();
    try {
      const author = await db.selectFrom("people").select("id").where("email", "=", "consultant2@demo.council").executeTakeFirstOrThrow();
      const threadId = await threadIdByTitle("Sentiment as an early warning for product issues");
      const result = await replyToThread(db, (await loadActor(db, author.id))!, {
        threadId, body: "We help Fortune 500 brands with exactly this. Book a call with me at calendly.com/rachel-kim-keys — free audit this week only!",
      });
      expect(result.held).toBe(true);
    } finally {
      await db.destroy();
    }
    await signInAs(page, "moderator@demo.council");
    await page.goto("/moderation");
    const held = page.getByRole("region", { name: "Held post by Rachel Kim" }).filter({ hasText: "rachel-kim-keys" });
    await tabTo(page, held.getByLabel(/Reason for rejecting/));
    await page.keyboard.type("A booking link and a free audit: a sales pitch, which the council does not allow.");
    await tabTo(page, held.getByRole("button", { name: "Reject…" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Reject this post?" })).toBeVisible();
    await tabTo(page, page.getByRole("button", { name: "Yes, reject" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toContainText("Rejected");
    await expect(held).toHaveCount(0);
  });
});
