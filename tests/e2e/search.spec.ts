import { expect, signInAs, test, threadIdByTitle } from "./fixtures";

test("a member searches from the header and lands on the post", async ({ page }) => {
  await signInAs(page, "member@demo.council");
  await page.goto("/");
  const box = page.getByRole("searchbox", { name: "Search the council" });
  await box.fill("deflection savings");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=deflection\+savings/);
  await expect(page.getByRole("heading", { name: "Search the council" })).toBeVisible();
  const results = page.getByRole("list", { name: "Search results" });
  // The opening post and the reply both say it; the reply is post #3 of its thread.
  await expect(results.getByRole("listitem")).toHaveCount(2);
  await expect(results.locator("mark").first()).toHaveText(/deflection/i);
  const reply = results.getByRole("listitem").filter({ hasText: "Post #3" });
  await expect(reply.locator("mark").first()).toBeVisible();
  await reply.getByRole("link", { name: "How do you attribute revenue to social customer care?" }).click();
  await expect(page).toHaveURL(/\/threads\/\d+\?page=1#post-3$/);
  const post = page.locator("#post-3");
  await expect(post).toBeVisible();
  await expect(post).toContainText("Deflection savings convinced our CFO first");
  await expect(post).toBeInViewport();
});

test("search filters, visibility and hostile input", async ({ page }) => {
  await signInAs(page, "consultant@demo.council");
  // The consultant's own pitch is held (other journeys publish the demo's held post, so this one is new).
  await page.goto(`/threads/${await threadIdByTitle("Governance for AI-generated social content")}?page=1`);
  await page.getByLabel("Your reply").fill("We help brands with exactly this with Zephyrlytics: book a call with me at calendly.com/zephyr, free audit this week only!");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByText("Held for review — only you can see it").last()).toBeVisible();
  await page.goto("/search");
  // A chapter thread the consultant is not in, and a held post (even their own), are never found.
  await page.getByLabel("Words to find").fill("gathering agenda");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No posts you can read match that search.")).toBeVisible();
  await page.getByLabel("Words to find").fill("Zephyrlytics");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No posts you can read match that search.")).toBeVisible();
  // FTS5 syntax is just text: no error page.
  const response = await page.goto('/search?q=NEAR(%22care&area=customer');
  expect(response?.status()).toBe(200);
  await expect(page.getByLabel("Words to find")).toHaveValue('NEAR("care');
  // A filter narrows the results.
  await page.goto("/search?q=care");
  const all = await page.getByRole("list", { name: "Search results" }).getByRole("listitem").count();
  await page.getByLabel("Lifecycle area").selectOption("employee");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/area=employee/);
  const some = await page.getByRole("list", { name: "Search results" }).getByRole("listitem").count();
  expect(some).toBeLessThan(all);
});

test("the members directory is searchable and filterable, and links to profiles", async ({ page }) => {
  await signInAs(page, "member@demo.council");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  await page.getByLabel("Member type").selectOption("consultant");
  await page.getByRole("button", { name: "Find members" }).click();
  await expect(page.getByRole("link", { name: "Daniel Brooks" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Priya Raman" })).toHaveCount(0);
  await page.getByLabel("Name, company or title").fill("brooks");
  await page.getByRole("button", { name: "Find members" }).click();
  // Wait for the filtered page before following a link, so the click does not abort that navigation.
  await expect(page).toHaveURL(/q=brooks/);
  await page.getByRole("link", { name: "Daniel Brooks" }).click();
  await expect(page.getByRole("heading", { name: "Daniel Brooks" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Recent threads" })).toBeVisible();
});

test("an anonymous visitor cannot see the directory or search", async ({ page }) => {
  await page.goto("/members");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmembers/);
  await page.goto("/search?q=care");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsearch/);
});
