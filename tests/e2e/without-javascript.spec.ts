// The council without JavaScript: apply, sign in, read, reply, search, flag, a review decision and a
// vote, with scripts disabled in the browser (plain forms and links, server-rendered pages). Runs after
// votes.spec.ts, which leaves a vote open.
import { DEMO_PASSWORD, e2eDb, expect, signInAs, test, threadIdByTitle } from "./fixtures";

test.use({ javaScriptEnabled: false });

test("an applicant applies, and a moderator verifies the facts and approves", async ({ page, context }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Request an invitation" }).first().click();
  await page.getByLabel("Full name").fill("Noor Haddad");
  await page.getByLabel("Work email").fill("noor.haddad@wideworldimporters.example");
  await page.getByLabel("Job title").fill("SVP, Digital & Social");
  await page.getByLabel("Company").fill("Wide World Importers");
  await page.getByLabel("Role level").selectOption("svp");
  await page.getByRole("radio", { name: "Yes" }).check();
  await page.getByLabel("What is that responsibility?").fill("I own social strategy and our social care team.");
  await page.getByRole("radio", { name: "Executive" }).check();
  await page.getByRole("button", { name: "Send my application" }).click();
  await expect(page.getByRole("heading", { name: "Thank you, Noor Haddad. We received your application." })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Expect a decision by");

  await context.clearCookies();
  await signInAs(page, "moderator@demo.council");
  await page.goto("/review");
  await page.getByRole("row", { name: /Noor Haddad/ }).getByRole("link", { name: "Noor Haddad" }).click();
  await page.getByLabel("The title “SVP, Digital & Social” at Wide World Importers is real").check();
  await page.getByLabel("The email address belongs to Wide World Importers").check();
  await page.getByLabel("What you checked").fill("Company leadership page and the email domain.");
  await page.getByRole("button", { name: "Record verified facts" }).click();
  await page.getByRole("button", { name: "Approve and send the invitation" }).click();
  await expect(page.getByRole("heading", { name: /^Approved under policy v\d+$/ })).toBeVisible();
});

test("a member signs in, reads a thread from the grid, replies, searches and flags a post", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Work email").fill("consultant@demo.council");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "The Social Business Framework" })).toBeVisible();

  // Read: a framework cell, then a thread.
  await page.getByRole("link", { name: /^Information · Social execution\s+\d+ threads?$/ }).click();
  await page.getByRole("link", { name: "Routing listening insights to the people who can act" }).click();
  await expect(page.getByRole("heading", { name: "Routing listening insights to the people who can act" })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Post 1 by / })).toBeVisible();

  // Reply.
  await page.getByLabel("Your reply").fill("We route by product line first, then by urgency; the owner is named in the alert itself.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByRole("region", { name: /by Daniel Brooks/ }).filter({ hasText: "named in the alert itself" })).toBeVisible();

  // Search, from the header's box (Enter submits the form).
  await page.getByRole("searchbox", { name: "Search the council" }).fill("listening");
  await page.getByRole("searchbox", { name: "Search the council" }).press("Enter");
  await expect(page.getByRole("heading", { name: "Search the council" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Routing listening insights to the people who can act" }).first()).toBeVisible();

  // Flag a post by someone else.
  await page.goto(`/threads/${await threadIdByTitle("Benchmarking share of voice against competitors who are members here")}`);
  await page.getByRole("link", { name: "Flag post 2" }).click();
  await page.getByRole("radio").nth(1).check();
  await page.getByLabel(/Note for the moderators/).fill("Off topic for this thread.");
  await page.getByRole("button", { name: "Flag post" }).click();
  await expect(page.getByRole("status")).toContainText("your flag is recorded");
});

test("a member votes on the open proposal", async ({ page }) => {
  const db = e2eDb();
  let id: number;
  try {
    id = (await db.selectFrom("policy_proposals").select("id").where("status", "=", "open").orderBy("id", "desc").executeTakeFirstOrThrow()).id;
  } finally {
    await db.destroy();
  }
  await signInAs(page, "consultant@demo.council");
  await page.goto(`/policy/proposals/${id}`);
  await page.getByRole("radio", { name: "Abstain" }).check();
  await page.getByRole("button", { name: "Vote" }).click();
  await expect(page.getByRole("status")).toHaveText("Your vote is recorded: Abstain.");
  await expect(page.getByText(/You voted Abstain/)).toBeVisible();
});
