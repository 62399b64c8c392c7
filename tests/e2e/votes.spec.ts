// Policy votes: a member votes and changes the vote with results hidden; once the deadline has passed
// the result shows by role level, and a founder adopts the passed version through the normal adoption
// page; a member's proposal opens when two others second it. Runs after policy.spec.ts (files run in
// name order on one database; one draft at a time, so each journey drafts its own version and leaves
// none open for the next, except the last) and leaves a vote open.
import { getCurrentPolicy, getOpenDraft, createPolicyDraft, discardPolicyDraft } from "../../app/membership/policy.server";
import { castVote, proposePolicy } from "../../app/governance/proposals.server";
import { loadActor } from "../../app/accounts/session.server";
import { e2eDb, expect, signInAs, test } from "./fixtures";

const DAY = 86_400_000;

/** A draft version with a different review window (no member's eligibility changes). */
async function founder2(db: ReturnType<typeof e2eDb>) {
  return (await loadActor(db, (await db.selectFrom("people").select("id").where("email", "=", "founder2@demo.council").executeTakeFirstOrThrow()).id))!;
}

async function draftNewReviewWindow(summary: string) {
  const db = e2eDb();
  try {
    if (await getOpenDraft(db)) throw new Error("an earlier journey left a draft open");
    const founder = await founder2(db);
    const current = await getCurrentPolicy(db);
    const version = await createPolicyDraft(db, founder, { summary, rules: { ...current.rules, reviewWindowDays: current.rules.reviewWindowDays + 1 } });
    return { version };
  } finally {
    await db.destroy();
  }
}

test("after the deadline, the result shows with tallies by role level and a founder adopts the passed version", async ({ page }) => {
  const { version } = await draftNewReviewWindow("Applicants hear back one day later, so reviewers can verify every role.");
  const db = e2eDb();
  try {
    const actor = async (email: string) => (await loadActor(db, (await db.selectFrom("people").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id))!;
    const opened = new Date(Date.now() - 10 * DAY);
    const id = await proposePolicy(db, await actor("founder2@demo.council"), { version, discussion: "Reviewers asked for one more day; see the Policy thread on the forum.", votingDays: 7 }, opened);
    await castVote(db, await actor("cmo@demo.council"), id, "yes", opened);
    await castVote(db, await actor("svp@demo.council"), id, "yes", opened);
    await castVote(db, await actor("director@demo.council"), id, "no", opened);
    await castVote(db, await actor("consultant2@demo.council"), id, "abstain", opened);
  } finally {
    await db.destroy();
  }

  await signInAs(page, "member@demo.council");
  await page.goto("/policy");
  await page.getByRole("link", { name: "Policy proposals and votes" }).click();
  await page.getByRole("link", { name: /Applicants hear back one day later/ }).click();
  await expect(page.getByRole("heading", { name: `Result: passed` })).toBeVisible();
  await expect(page.getByText("Yes 2, no 1, abstain 1.")).toBeVisible();
  const byLevel = page.getByRole("table", { name: "Votes by role level" });
  await expect(byLevel.getByRole("row", { name: /C-level/ })).toHaveText(/C-level\s*1\s*0\s*0/);
  await expect(byLevel.getByRole("row", { name: /Director/ }).first()).toHaveText(/Director\s*0\s*1\s*0/);
  await expect(page.getByRole("button", { name: "Vote" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Adopt version/ })).toHaveCount(0);

  await signInAs(page, "founder@demo.council");
  await page.reload();
  await page.getByRole("link", { name: `Adopt version ${version}…` }).click();
  await expect(page.getByText("No member loses eligibility, so no notice is needed.")).toBeVisible();
  await page.getByRole("button", { name: `Adopt version ${version}` }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`Policy version ${version} adopted`) })).toBeVisible();
  await page.goto("/policy/proposals");
  await expect(page.getByRole("row", { name: /Applicants hear back one day later/ })).toContainText("adopted");
});

test("a member proposes a draft; it awaits two seconds from other members, then opens for voting", async ({ page }) => {
  const { version } = await draftNewReviewWindow("Reviewers get one more day to verify titles with employers.");
  await signInAs(page, "director3@demo.council");
  await page.goto("/policy/proposals");
  const propose = page.getByRole("region", { name: `Propose draft version ${version}` });
  await expect(propose).toContainText("Voting opens once 2 other members have seconded your proposal.");
  await propose.getByLabel("The case for it").fill("Employers answer verification emails slowly; one more day keeps reviews honest without rushing anyone.");
  await propose.getByLabel("Voting period (days)").fill("1");
  await propose.getByRole("button", { name: `Propose version ${version}` }).click();
  const heading = page.getByRole("heading", { name: new RegExp(`Proposal: eligibility policy version ${version}`) });
  await expect(heading).toContainText("Awaiting seconds");
  await expect(page.getByRole("heading", { name: "Seconds: 0 of 2" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Second this proposal" })).toHaveCount(0); // not their own
  const url = page.url();

  // The discussion thread links both ways.
  await page.getByRole("link", { name: "Discuss this proposal" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Policy proposal: version ${version}, Reviewers get one more day to verify titles with employers.`);
  await expect(page.getByText("Employers answer verification emails slowly")).toBeVisible();
  await page.getByRole("link", { name: "Read the proposal and its impact" }).click();
  await expect(heading).toBeVisible();

  await signInAs(page, "director2@demo.council");
  await page.goto(url);
  await page.getByRole("button", { name: "Second this proposal" }).click();
  await expect(page.getByRole("status")).toHaveText("Seconded.");
  await expect(page.getByRole("heading", { name: "Seconds: 1 of 2" })).toBeVisible();
  await expect(page.getByText("Seconded by Luis Ortega.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Second this proposal" })).toHaveCount(0); // once each
  await expect(page.getByRole("button", { name: "Vote" })).toHaveCount(0);

  await signInAs(page, "cdo@demo.council");
  await page.goto(url);
  await page.getByRole("button", { name: "Second this proposal" }).click();
  await expect(page.getByRole("status")).toHaveText("Seconded: voting is now open.");
  await expect(heading).toContainText("Voting open");
  await expect(page.getByRole("group", { name: `Adopt version ${version}?` })).toBeVisible();
  await expect(page.getByText(/· voting closes/)).toBeVisible();

  // Nobody votes; once the one-day vote has closed (failed), a founder discards the draft so the next journey can draft.
  const db = e2eDb();
  try {
    await discardPolicyDraft(db, await founder2(db), version, new Date(Date.now() + 2 * DAY));
  } finally {
    await db.destroy();
  }
});

test("a founder puts a draft to the vote; a member votes, changes the vote, and sees no results before the deadline", async ({ page }) => {
  const { version } = await draftNewReviewWindow("Applicants hear back one more day later again, for holiday periods.");
  await signInAs(page, "founder@demo.council");
  await page.goto("/policy/proposals");
  const propose = page.getByRole("region", { name: `Propose draft version ${version}` });
  await propose.getByLabel("The case for it").fill("Too short");
  await propose.getByRole("button", { name: `Propose version ${version}` }).click();
  await expect(page.getByText(/Make the case in a few sentences/)).toBeVisible();
  await expect(page.getByLabel("The case for it")).toHaveValue("Too short");
  await page.getByLabel("The case for it").fill("Holidays slow reviews down; discuss in the Policy thread on the forum.");
  await page.getByLabel("Voting period (days)").fill("7");
  await page.getByRole("button", { name: `Propose version ${version}` }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`Proposal: eligibility policy version ${version}`) })).toContainText("Voting open");
  const url = page.url();

  await signInAs(page, "member@demo.council");
  await page.goto(url);
  await expect(page.getByText("You have not voted yet.")).toBeVisible();
  await page.getByRole("radio", { name: "Yes" }).check();
  await page.getByRole("button", { name: "Vote" }).click();
  await expect(page.getByRole("status")).toHaveText("Your vote is recorded: Yes.");
  await expect(page.getByText(/You voted Yes/)).toBeVisible();
  await page.getByRole("radio", { name: "No" }).check();
  await page.getByRole("button", { name: "Change my vote" }).click();
  await expect(page.getByRole("status")).toHaveText("Your vote is recorded: No.");
  await page.reload();
  await expect(page.getByText(/You voted No/)).toBeVisible();
  await expect(page.getByRole("radio", { name: "No" })).toBeChecked();
  await expect(page.getByText("Results are shown after voting closes.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Votes by role level" })).toHaveCount(0);
});
