import { DEMO_PASSWORD, expect, signInAs, test } from "./fixtures";

const CARE_THREAD = "How do you attribute revenue to social customer care?";

test("a member starts a thread in a framework cell, previewing it first", async ({ page }) => {
  await signInAs(page, "member@demo.council");
  await page.goto("/");
  await page.getByRole("link", { name: /^Employee · Social strategy\s+\d+ threads?$/ }).click();
  await page.getByRole("link", { name: "Start a thread here" }).click();
  await expect(page.getByLabel("Lifecycle area")).toHaveValue("employee");
  await expect(page.getByLabel("Discipline")).toHaveValue("strategy");
  await page.getByLabel("Title").fill("Who owns the employee advocacy budget?");
  await page.getByLabel("Your post").fill("HR, comms or marketing? In our case it is **comms**.");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.locator("strong")).toHaveText("comms");
  await expect(page.getByLabel("Your post")).toHaveValue("HR, comms or marketing? In our case it is **comms**.");
  await page.getByRole("button", { name: "Start thread" }).click();
  await expect(page.getByRole("heading", { name: "Who owns the employee advocacy budget?" })).toBeVisible();
  await expect(page.getByRole("region", { name: /Post 1 by Priya Raman/ }).locator(".body strong")).toHaveText("comms");
  // The cell now lists it.
  await page.goto("/threads?area=employee&discipline=strategy");
  await expect(page.getByRole("link", { name: "Who owns the employee advocacy budget?" })).toBeVisible();
});

test("a member replies with a quote, and the reply has a permalink on the right page", async ({ page }) => {
  await signInAs(page, "director@demo.council");
  await page.goto("/threads?area=customer&discipline=measurement");
  await page.getByRole("link", { name: CARE_THREAD }).click();
  const cmoPost = page.getByRole("region", { name: /Post 2 by Grace Whitfield/ });
  await cmoPost.getByRole("link", { name: "Quote" }).click();
  const box = page.getByLabel("Your reply");
  await expect(box).toHaveValue(/^> \*\*Grace Whitfield wrote:\*\*\n> We tied care interactions/);
  await box.press("End");
  await box.pressSequentially("Churn cohorts worked for us too.");
  await page.getByRole("button", { name: "Post reply" }).click();
  // Post 4 is a consultant's reply held for review (invisible to others), so this one is post 5.
  await expect(page).toHaveURL(/\?page=1#post-5$/);
  const reply = page.getByRole("region", { name: /Post 5 by Hannah Schultz/ });
  await expect(reply.locator("blockquote")).toContainText("Grace Whitfield wrote:");
  await expect(reply).toContainText("Churn cohorts worked for us too.");
  // After posting, the box is empty and stays empty on reload (the draft was cleared).
  await expect(page.getByLabel("Your reply")).toHaveValue("");
  await page.reload();
  await expect(page.getByLabel("Your reply")).toHaveValue("");
  // The permalink lands on the post.
  const href = await reply.getByRole("link", { name: "Link to post 5" }).getAttribute("href");
  await page.goto(href!);
  await expect(page).toHaveURL(/\/threads\/\d+\?page=1#post-5$/);
});

test("an author edits a post and members see its history", async ({ page, context }) => {
  await signInAs(page, "svp@demo.council");
  await page.goto("/threads?area=customer&discipline=strategy");
  await page.getByRole("link", { name: "Awareness vs. referral: where should a first social budget go?" }).click();
  const own = page.getByRole("region", { name: /Post 2 by Kenji Watanabe/ });
  await own.getByRole("link", { name: "Edit or delete" }).click();
  await expect(page.getByRole("heading", { name: "Edit your post" })).toBeVisible();
  // The editor restores a saved draft when it hydrates: type only after that, or hydration can put the old text back.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Your post").fill("Referral. Our advocates already talk about us — and **it cost less**.");
  await page.getByRole("button", { name: "Save changes" }).click();
  const edited = page.getByRole("region", { name: /Post 2 by Kenji Watanabe/ });
  await expect(edited.locator(".body strong")).toHaveText("it cost less");
  // Another member reads the history.
  await context.clearCookies();
  await signInAs(page, "cdo@demo.council");
  await page.reload();
  await page.getByRole("region", { name: /Post 2 by Kenji Watanabe/ }).getByRole("link", { name: "edited · history" }).click();
  await expect(page.getByRole("heading", { name: "Edit history" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Current version" })).toContainText("it cost less");
  await expect(page.getByRole("region", { name: "Version 1" })).toContainText("making that easier cost less than any awareness campaign");
});

test("a reply typed when the session has expired comes back after signing in again", async ({ page, context }) => {
  await signInAs(page, "member@demo.council");
  await page.goto("/threads?area=customer&discipline=measurement");
  await page.getByRole("link", { name: CARE_THREAD }).click();
  const text = "Deflection first, then retention cohorts — that order worked with our CFO.";
  await page.getByLabel("Your reply").fill(text);
  await context.clearCookies();
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.getByLabel("Work email").fill("member@demo.council");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: CARE_THREAD })).toBeVisible();
  await expect(page.getByLabel("Your reply")).toHaveValue(text);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByRole("region", { name: /by Priya Raman/ }).last()).toContainText("that order worked with our CFO");
});

test("an unsent reply survives a reload, and an empty reply is refused with a clear message", async ({ page }) => {
  await signInAs(page, "cmo@demo.council");
  await page.goto("/threads?area=customer&discipline=measurement");
  await page.getByRole("link", { name: CARE_THREAD }).click();
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByText("Write your post first.")).toBeVisible();
  await page.getByLabel("Your reply").fill("Half a thought I will finish later");
  await page.reload();
  await expect(page.getByLabel("Your reply")).toHaveValue("Half a thought I will finish later");
});

test("a mention reaches the member, with the count in the header", async ({ page, context }) => {
  await signInAs(page, "vp3@demo.council");
  await page.goto("/threads?area=customer&discipline=measurement");
  await page.getByRole("link", { name: CARE_THREAD }).click();
  await page.getByLabel("Your reply").fill("@luis.ortega how long did the cohort data take you?");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByRole("region", { name: /by Marcus Bell/ })).toBeVisible();
  await context.clearCookies();
  await signInAs(page, "director2@demo.council");
  await page.goto("/");
  await page.getByRole("link", { name: /Notifications\s*\d+ unread/ }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Marcus Bell mentioned you in" })).toBeVisible();
  await page.getByRole("button", { name: /Mark all \d+ as read/ }).click();
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  await page.getByRole("link", { name: CARE_THREAD }).first().click();
  await expect(page).toHaveURL(/#post-\d+$/);
});

test("a founder renames a maturity stage; members cannot reach the editor", async ({ page, context }) => {
  await signInAs(page, "founder@demo.council");
  await page.goto("/");
  await page.getByRole("link", { name: "Edit the framework" }).click();
  await page.getByLabel("Name of stage 1").fill("Piloting");
  await page.getByRole("button", { name: "Save the framework" }).click();
  await expect(page.getByText("Saved 1 change.")).toBeVisible();
  await page.goto("/");
  await expect(page.getByLabel("Maturity stage")).toContainText("Piloting");
  await context.clearCookies();
  await signInAs(page, "member@demo.council");
  expect((await page.goto("/framework/edit"))?.status()).toBe(403);
});

test("a pitch reply is held for review: its author sees why, other members and search do not see it", async ({ page, context }) => {
  const thread = "Data retention rules for social listening archives";
  await signInAs(page, "consultant@demo.council");
  await page.goto("/threads?area=information&discipline=strategy");
  await page.getByRole("link", { name: thread }).click();
  await page.getByLabel("Your reply").fill("Our **ZephyrArchive** handles exactly this. Book a free demo at https://calendly.com/zephyr/intro and mention the council for 20% off.");
  await page.getByRole("button", { name: "Post reply" }).click();
  const held = page.getByRole("region", { name: /by Daniel Brooks/ }).last();
  await expect(held.getByText("Held for review")).toBeVisible();
  await expect(held.getByText("Why it was held:")).toBeVisible();
  await expect(held.getByRole("listitem").filter({ hasText: "calendly.com" })).toBeVisible();
  await context.clearCookies();
  await signInAs(page, "director2@demo.council");
  await page.goto("/threads?area=information&discipline=strategy");
  await page.getByRole("link", { name: thread }).click();
  await expect(page.getByRole("heading", { name: thread })).toBeVisible();
  await expect(page.getByText("ZephyrArchive")).toHaveCount(0);
  await page.goto("/search?q=ZephyrArchive");
  await expect(page.getByText("No posts you can read match that search.")).toBeVisible();
  // An honest reply in the same thread is published at once.
  await page.goBack();
  await page.getByLabel("Your reply").fill("We asked two vendors about retention; both defaulted to forever. Our privacy team set thirteen months.");
  await page.getByRole("button", { name: "Post reply" }).click();
  const honest = page.getByRole("region", { name: /by Luis Ortega/ }).last();
  await expect(honest).toContainText("Our privacy team set thirteen months.");
  await expect(honest.getByText("Held for review")).toHaveCount(0);
});
