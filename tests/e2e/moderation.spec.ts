// Moderation journeys: a consultant's pitch is held and they see why; a moderator publishes one held
// post and rejects another (with confirmation); members of three companies flag a post and it hides
// from everyone else; the public moderation log shows what happened.
import { expect, signInAs, test, threadIdByTitle } from "./fixtures";

const PITCH = "Happy to help here. We help Fortune 500 brands with exactly this — book a call with me at calendly.com/rachel-kim, free audit this week only!";

test.describe.serial("moderation", () => {
  test("a consultant's pitch is held, and the author sees why", async ({ page }) => {
    await signInAs(page, "consultant2@demo.council");
    const id = await threadIdByTitle("Staffing a 24/7 social care desk across time zones");
    await page.goto(`/threads/${id}?page=1`);
    await page.getByLabel("Your reply").fill(PITCH);
    await page.getByRole("button", { name: "Post reply" }).click();
    const mine = page.getByRole("region", { name: /by Rachel Kim/ }).filter({ hasText: "calendly.com/rachel-kim" });
    await expect(mine.getByText("Held for review — only you can see it")).toBeVisible();
    await expect(mine.getByText("Why it was held:")).toBeVisible();
    await expect(mine.getByText(/booking calendar/)).toBeVisible();
  });

  test("a moderator publishes one held post and rejects another; the author reads the reason", async ({ page, context }) => {
    await signInAs(page, "moderator@demo.council");
    await page.goto("/moderation");
    // The seeded pitch by Daniel Brooks: published. (Other journeys may hold more of his posts.)
    const daniel = page.getByRole("region", { name: "Held post by Daniel Brooks" }).filter({ hasText: "RevenueLens" });
    await daniel.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("status")).toContainText("Published");
    await expect(daniel).toHaveCount(0);
    // Rachel Kim's: rejected, after a confirmation.
    const rachel = page.getByRole("region", { name: "Held post by Rachel Kim" }).filter({ hasText: "calendly.com/rachel-kim" });
    await rachel.getByRole("button", { name: "Reject…" }).click();
    await expect(rachel.getByRole("alert")).toContainText("at least 10 characters");
    await rachel.getByLabel(/Reason for rejecting/).fill("This offers a free audit and a booking link: that is a sales pitch here.");
    await rachel.getByRole("button", { name: "Reject…" }).click();
    await expect(page.getByRole("heading", { name: "Reject this post?" })).toBeVisible();
    await page.getByRole("button", { name: "Yes, reject" }).click();
    await expect(page.getByRole("status")).toContainText("Rejected");
    await expect(rachel).toHaveCount(0);

    await context.clearCookies();
    await signInAs(page, "consultant2@demo.council");
    const id = await threadIdByTitle("Staffing a 24/7 social care desk across time zones");
    await page.goto(`/threads/${id}?page=1`);
    const mine = page.getByRole("region", { name: /by Rachel Kim/ }).filter({ hasText: "calendly.com/rachel-kim" });
    await expect(mine.getByText("Not published — only you can see it")).toBeVisible();
    await expect(mine.getByText("This offers a free audit and a booking link")).toBeVisible();
    await expect(mine.getByRole("link", { name: "Edit and resubmit" })).toBeVisible();
  });

  test("members of three companies flag a post and it hides from everyone else", async ({ page, context }) => {
    const id = await threadIdByTitle("Bringing customers into product ideation publicly");
    const post = () => page.getByRole("region", { name: /by Daniel Brooks/ }).filter({ hasText: "From client work" });
    for (const email of ["member@demo.council", "cmo@demo.council", "director@demo.council"]) {
      await context.clearCookies();
      await signInAs(page, email);
      await page.goto(`/threads/${id}?page=1`);
      await post().getByRole("link", { name: /^Flag post/ }).click();
      await expect(page.getByRole("heading", { name: "Flag a post by Daniel Brooks" })).toBeVisible();
      await page.getByLabel("Sales pitch").check();
      await page.getByRole("button", { name: "Flag post" }).click();
      await expect(page.getByRole("status")).toContainText("your flag is recorded");
      if (email === "member@demo.council") {
        // Flagged once: the control now offers to withdraw instead.
        await expect(post().getByRole("button", { name: "Withdraw flag" })).toBeVisible();
      }
    }
    // Three companies (Contoso Bank, Fabrikam Foods, Adventure Works): hidden from other members.
    await context.clearCookies();
    await signInAs(page, "svp@demo.council");
    await page.goto(`/threads/${id}?page=1`);
    await expect(page.getByRole("heading", { name: "Bringing customers into product ideation publicly" })).toBeVisible();
    await expect(page.getByText("From client work")).toHaveCount(0);
    // The author still sees it, marked.
    await context.clearCookies();
    await signInAs(page, "consultant@demo.council");
    await page.goto(`/threads/${id}?page=1`);
    await expect(post().getByText(/Hidden pending review/)).toBeVisible();
    // Moderators see it in the queue with the flags.
    await context.clearCookies();
    await signInAs(page, "moderator2@demo.council");
    await page.goto("/moderation");
    const flagged = page.getByRole("region", { name: "Flagged post by Daniel Brooks" });
    await expect(flagged.getByText("Hidden pending review")).toBeVisible();
    await expect(flagged.getByText(/3 different companies/)).toBeVisible();
  });

  test("the moderation log shows the decisions, filterable by action", async ({ page }) => {
    await signInAs(page, "svp@demo.council");
    await page.goto("/moderation/log");
    const rows = page.getByRole("row");
    await expect(rows.filter({ hasText: "Post hidden by flags" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "Held post published" }).filter({ hasText: "Maya Lindqvist" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "Held post rejected" }).filter({ hasText: "This offers a free audit" })).toHaveCount(1);
    await page.getByLabel("Action").selectOption({ label: "Post hidden by flags" });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=post.hidden/);
    await expect(page.getByRole("row")).toHaveCount(2); // header + the hidden post
    await expect(page.getByRole("row").nth(1)).toContainText("Council (automatic rule)");
  });
});
