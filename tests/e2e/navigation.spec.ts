// The header each role sees, the phone menu (a <details>, no JavaScript needed), the staff home, and
// the framework grid on a phone.
import { chapterPresidentEmail, expect, signInAs, test } from "./fixtures";

const MEMBER = ["Framework", "New thread", "Messages", "Members", "Chapters", "Policy"];
const HEADERS: [role: string, email: string | null, items: string[]][] = [
  ["anonymous", null, []],
  ["member", "member@demo.council", MEMBER],
  ["consultant", "consultant@demo.council", MEMBER],
  ["chapter president", "(current)", [...MEMBER, "Staff"]],
  ["moderator", "moderator@demo.council", [...MEMBER, "Staff"]],
  ["founder", "founder@demo.council", [...MEMBER, "Staff"]],
];

test.describe("the header", () => {
  for (const [role, email, items] of HEADERS) {
    test(`a ${role} sees ${items.length ? items.join(", ") : "no main navigation"}`, async ({ page }) => {
      if (email) await signInAs(page, email === "(current)" ? await chapterPresidentEmail() : email);
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main" });
      if (!items.length) {
        await expect(nav).toHaveCount(0);
        await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
        return;
      }
      // (Messages may carry an unread count: "Messages 1 new".)
      await expect(nav.getByRole("link")).toHaveText(items.map((item) => new RegExp(`^${item}`)));
      const banner = page.getByRole("banner");
      for (const name of [/^Notifications/, /^Email settings$/]) await expect(banner.getByRole("link", { name })).toBeVisible();
      await expect(banner.getByRole("button", { name: "Sign out" })).toBeVisible();
      await expect(banner.getByRole("searchbox", { name: "Search the council" })).toBeVisible();
      // The staff tools are not in the header.
      for (const name of ["Applications", "Review queue", "Outbox", "Dashboard", "Appeals"]) await expect(banner.getByRole("link", { name, exact: true })).toHaveCount(0);
    });
  }
});

test("the header's links move within the page without reloading it, and mark where the member is", async ({ page }) => {
  await signInAs(page, "member@demo.council");
  await page.goto("/");
  await page.waitForLoadState("networkidle"); // hydrated
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Framework" })).toHaveAttribute("aria-current", "page");
  await page.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true; });
  await nav.getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/members$/);
  await expect(nav.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Framework" })).not.toHaveAttribute("aria-current", "page");
  // A client-side navigation: the document (and what the test left on it) is still the same.
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await page.getByRole("contentinfo").getByRole("link", { name: "Eligibility policy" }).click();
  await expect(page).toHaveURL(/\/policy/);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

test.describe("on a phone, without JavaScript", () => {
  test.use({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });

  test("the header folds into a menu that opens and leads to the staff home", async ({ page }) => {
    await signInAs(page, "moderator@demo.council");
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeHidden();
    await page.getByRole("banner").getByText("Menu", { exact: true }).click();
    await expect(nav).toBeVisible();
    await nav.getByRole("link", { name: "Staff" }).click();
    await expect(page.getByRole("heading", { name: "Staff", exact: true })).toBeVisible();
    // Counts link to their queues: the demo holds a consultant's post for review.
    const held = page.getByRole("link", { name: /\d+ Posts held for review/ });
    await expect(held).toBeVisible();
    await held.click();
    await expect(page).toHaveURL(/\/moderation#held$/);
    await expect(page.getByRole("heading", { name: "Held posts" })).toBeVisible();
  });
});

test.describe("the framework grid at 320 px", () => {
  test.use({ viewport: { width: 320, height: 700 } });

  test("names each cell's area and discipline, stacks by area, and does not scroll sideways", async ({ page }) => {
    await signInAs(page, "member@demo.council");
    await page.goto("/");
    const grid = page.getByRole("table", { name: "Threads by lifecycle area and discipline" });
    const rows = grid.getByRole("row");
    await expect(rows.filter({ has: page.getByRole("rowheader") })).toHaveCount(5);
    const customer = rows.filter({ has: page.getByRole("rowheader", { name: "Customer" }) });
    // Each cell's link shows its area and discipline (visible text, so also its accessible name).
    for (const discipline of ["Social strategy", "Social execution", "Measurement & ROI"]) {
      const link = customer.getByRole("link", { name: new RegExp(`^Customer · ${discipline.replace("&", "\\&")}\\s+\\d+ threads?$`) });
      await expect(link).toBeVisible();
      await expect(link).toContainText(`Customer · ${discipline}`);
    }
    // Stacked: the three cells of an area sit one below the other, below the area's name.
    const boxes = await Promise.all([0, 1, 2].map((i) => customer.getByRole("cell").nth(i).boundingBox()));
    expect(boxes[1]!.y).toBeGreaterThan(boxes[0]!.y);
    expect(boxes[2]!.y).toBeGreaterThan(boxes[1]!.y);
    expect(boxes[0]!.x).toBe(boxes[1]!.x);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth)).toBe(true);
  });
});
