import { expect, signInAs, test, openStaffTool } from "./fixtures";

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

test("the New York president holds a gathering and a member says they will attend", async ({ page, context }) => {
  await signInAs(page, "evp@demo.council");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Chapters" }).click();
  await expect(page.getByRole("heading", { name: "Chapters" })).toBeVisible();
  await page.getByRole("link", { name: "New York" }).click();
  await expect(page.getByRole("heading", { name: "New York chapter" })).toBeVisible();
  await page.getByRole("link", { name: "Hold a gathering" }).click();

  // A date in the past is refused beside the field, and nothing typed is lost.
  await page.getByLabel("Title").fill("Social care breakfast");
  await page.getByLabel("Date and time (UTC)").fill("2020-01-01T08:00");
  await page.getByLabel("Place").fill("The Harvard Club, 35 W 44th St");
  await page.getByRole("button", { name: "Announce gathering" }).click();
  await expect(page.getByText("Choose a date and time in the future.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Social care breakfast");
  await expect(page.getByLabel("Place")).toHaveValue("The Harvard Club, 35 W 44th St");

  await page.getByLabel("Date and time (UTC)").fill(inDays(21));
  await page.getByRole("button", { name: "Announce gathering" }).click();
  const upcoming = page.getByRole("list", { name: "Upcoming gatherings" });
  await expect(upcoming.getByRole("listitem", { name: "Social care breakfast" })).toContainText("The Harvard Club");
  await expect(upcoming).toContainText("No one has said they will attend yet.");

  // The president's review queue holds only their chapter's held posts: not the council-wide one.
  await openStaffTool(page, "Review queue");
  await expect(page.getByText("Nothing is held for review.")).toBeVisible();
  await expect(page.getByRole("region", { name: /Held post by Daniel Brooks/ })).toHaveCount(0);
  await page.goto("/chapters/new-york");

  // A chapter president cannot leave before a founder appoints a successor.
  await page.getByRole("button", { name: "Leave this chapter" }).click();
  await expect(page.getByText("A founder must appoint your successor before you can leave.")).toBeVisible();

  await context.clearCookies();
  await signInAs(page, "member@demo.council");
  await page.goto("/chapters/new-york");
  const item = page.getByRole("list", { name: "Upcoming gatherings" }).getByRole("listitem", { name: "Social care breakfast" });
  await item.getByRole("button", { name: "I will attend" }).click();
  await expect(item).toContainText("1 attending: Priya Raman");
  await expect(item.getByRole("button", { name: "No longer attending" })).toBeVisible();
  await item.getByRole("button", { name: "No longer attending" }).click();
  await expect(item).toContainText("No one has said they will attend yet.");
  await expect(item.getByRole("button", { name: "I will attend" })).toBeVisible();
  // Members do not manage gatherings.
  await expect(page.getByRole("link", { name: "Hold a gathering" })).toHaveCount(0);
});

test("a founder creates a chapter; a member outside a chapter sees its public part but not its threads", async ({ page, context }) => {
  await signInAs(page, "founder@demo.council");
  await page.goto("/chapters");
  await page.getByRole("link", { name: "Create a chapter" }).click();
  await page.getByRole("button", { name: "Create chapter" }).click();
  await expect(page.getByText("Give the chapter a name, such as a city or region.")).toBeVisible();
  await page.getByLabel("Name").fill("London");
  await page.getByLabel("Description").fill("Members in London and the south of England.");
  await page.getByRole("button", { name: "Create chapter" }).click();
  await expect(page).toHaveURL(/\/chapters\/london$/);
  await expect(page.getByRole("heading", { name: "London chapter" })).toBeVisible();
  await expect(page.getByText("No one has joined this chapter yet.")).toBeVisible();
  await page.getByRole("link", { name: "← Chapters" }).click();
  await expect(page.getByRole("list", { name: "Chapters" }).getByRole("listitem").filter({ hasText: "London" })).toContainText("0 members");

  await context.clearCookies();
  await signInAs(page, "consultant@demo.council");
  await page.goto("/chapters/new-york");
  await expect(page.getByRole("cell", { name: "Priya Raman" })).toBeVisible();
  await expect(page.getByText("This chapter's discussions are open to its members.")).toBeVisible();
  await expect(page.getByText("Regional chapter: New York gathering agenda")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "I will attend" })).toHaveCount(0);
  await page.getByRole("button", { name: "Join this chapter" }).click();
  await expect(page.getByText("Welcome to the New York chapter.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Regional chapter: New York gathering agenda" })).toBeVisible();
  await page.getByRole("button", { name: "Leave this chapter" }).click();
  await expect(page.getByText("You left the New York chapter.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Regional chapter: New York gathering agenda" })).toHaveCount(0);
});

test("the president edits and, after confirming, cancels a gathering; a founder appoints a successor so the president may leave", async ({ page, context }) => {
  await signInAs(page, "evp@demo.council");
  await page.goto("/chapters/new-york/gatherings/new");
  await page.getByLabel("Title").fill("Measurement clinic");
  await page.getByLabel("Date and time (UTC)").fill(inDays(10));
  await page.getByLabel("Link").fill("https://meet.example/clinic");
  await page.getByRole("button", { name: "Announce gathering" }).click();
  let item = page.getByRole("list", { name: "Upcoming gatherings" }).getByRole("listitem", { name: "Measurement clinic" });
  await item.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Link")).toHaveValue("https://meet.example/clinic");
  await page.getByLabel("Title").fill("Measurement clinic (online)");
  await page.getByRole("button", { name: "Save changes" }).click();
  item = page.getByRole("list", { name: "Upcoming gatherings" }).getByRole("listitem", { name: "Measurement clinic (online)" });
  await expect(item.getByRole("link", { name: "https://meet.example/clinic" })).toBeVisible();

  await item.getByRole("link", { name: "Cancel gathering" }).click();
  await expect(page.getByRole("heading", { name: "Cancel “Measurement clinic (online)”?" })).toBeVisible();
  await page.getByRole("link", { name: "No, keep it" }).click();
  await expect(item).toBeVisible();
  await item.getByRole("link", { name: "Cancel gathering" }).click();
  await page.getByRole("button", { name: "Yes, cancel the gathering" }).click();
  await expect(page.getByRole("listitem", { name: "Measurement clinic (online)" })).toHaveCount(0);
  await page.getByText(/Past and cancelled gatherings/).click();
  await expect(page.getByRole("list", { name: "Past gatherings" }).getByRole("listitem").filter({ hasText: "Measurement clinic (online)" })).toContainText("Cancelled");

  await context.clearCookies();
  await signInAs(page, "founder@demo.council");
  await page.goto("/chapters/new-york");
  await page.getByLabel("New chapter president").selectOption({ label: "Grace Whitfield — Chief Marketing Officer, Fabrikam Foods" });
  await page.getByRole("button", { name: "Appoint president" }).click();
  await expect(page.getByText("Grace Whitfield is now the president of the New York chapter.")).toBeVisible();

  await context.clearCookies();
  await signInAs(page, "evp@demo.council");
  await page.goto("/chapters/new-york");
  await expect(page.getByRole("link", { name: "Hold a gathering" })).toHaveCount(0);
  await page.getByRole("button", { name: "Leave this chapter" }).click();
  await expect(page.getByText("You left the New York chapter.")).toBeVisible();
});
