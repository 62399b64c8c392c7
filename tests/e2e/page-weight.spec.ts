// Each post body reaches the browser once: in the thread page's HTML, not also in its hydration data; after
// hydration, a revalidation and a client-side navigation the bodies are still (or again) shown.
import { expect, signInAs, test } from "./fixtures";

const CARE_THREAD = "How do you attribute revenue to social customer care?";
const REPLY_WORDS = "retention came a year later once we had cohort data"; // post 3, which no other test quotes

test("a thread page sends each post body once, and shows it after hydration, a revalidation and a client-side navigation", async ({ page }) => {
  await signInAs(page, "director@demo.council");
  await page.goto("/threads?area=customer&discipline=measurement");
  const href = await page.getByRole("link", { name: CARE_THREAD }).getAttribute("href");

  // The document: the body is in the markup, once (the hydration data does not repeat it).
  const html = await (await page.request.get(`${href}?page=1`)).text();
  expect(html.split(REPLY_WORDS).length - 1).toBe(1);

  // Hydrated, the server's markup stays.
  await page.goto(`${href}?page=1`);
  const post = page.getByRole("region", { name: /Post 3 by/ });
  await expect(post).toContainText(REPLY_WORDS);
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized);
  // A form posted from the page revalidates it with data (bodies included); twice, to leave the follow as it was.
  for (let i = 0; i < 2; i++) {
    const following = await page.getByRole("button", { name: "Stop following" }).isVisible();
    await page.getByRole("button", { name: following ? "Stop following" : "Follow this thread" }).click();
    await expect(page.getByRole("button", { name: following ? "Follow this thread" : "Stop following" })).toBeVisible();
    await expect(post).toContainText(REPLY_WORDS);
  }

  // A client-side navigation to the thread gets the bodies as data.
  await page.getByRole("link", { name: "← Back to the cell" }).click();
  await page.getByRole("link", { name: CARE_THREAD }).click();
  await expect(page.getByRole("region", { name: /Post 3 by/ })).toContainText(REPLY_WORDS);
  await expect(page.getByRole("region", { name: /Post 1 by/ })).toContainText("revenue retained");
});
