import { DEFAULT_POLICY } from "../../app/membership/eligibility";
import { loadActor } from "../../app/accounts/session.server";
import { adoptPolicy, createPolicyDraft } from "../../app/membership/policy.server";
import { baseUrl, e2eDb, expect, signInAs, test, openStaffTool } from "./fixtures";

const MESSAGE = "Thank you for all you have given the council. The members voted to raise the bar to VP.";

test("a founder drafts a policy change, reads the impact report, and adopts it with a notice", async ({ page }) => {
  await signInAs(page, "founder@demo.council");
  await page.goto("/policy");
  await expect(page.getByRole("heading", { name: "Eligibility policy" })).toBeVisible();
  await expect(page.getByText("Below Director: not eligible.")).toBeVisible();
  await page.getByRole("link", { name: "Draft a new version" }).click();
  await page.getByLabel("Admit Director", { exact: true }).uncheck();
  await page.getByRole("button", { name: "Save draft and see the impact" }).click();
  // A bad field keeps everything else that was typed.
  await expect(page.getByText("Say in a sentence or two")).toBeVisible();
  await expect(page.getByLabel("Admit Director", { exact: true })).not.toBeChecked();
  await page.getByLabel("Summary in plain language").fill("Directors are no longer admitted; C-level, EVP, SVP and VP only.");
  await page.getByRole("button", { name: "Save draft and see the impact" }).click();

  await expect(page.getByRole("heading", { name: /Policy version 2/ })).toBeVisible();
  const impact = page.getByRole("region", { name: "Impact report" });
  for (const name of ["Hannah Schultz", "Luis Ortega", "Ingrid Solberg"]) await expect(impact.getByRole("cell", { name: new RegExp(name) })).toBeVisible();
  await expect(impact.getByRole("cell", { name: /Priya Raman/ })).toHaveCount(0);
  await expect(impact).toContainText("3 members no longer qualify");

  const csv = await page.request.get(`${baseUrl}/policy/2/impact.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toBe("kind,id,name,email,company,outcome under v1,outcome under v2,reasons");
  expect(text).toContain("Hannah Schultz");

  // Adoption needs a notice and a message when members no longer qualify.
  await page.getByLabel("Notice period (days)").fill("30");
  await page.getByRole("button", { name: "Adopt version 2" }).click();
  await expect(page.getByText("Write a personal message")).toBeVisible();
  await page.getByLabel("Personal message to them").fill(MESSAGE);
  await page.getByRole("button", { name: "Adopt version 2" }).click();
  await expect(page.getByRole("heading", { name: /Policy version 2 adopted/ })).toBeVisible();

  const db = e2eDb();
  try {
    const notices = await db.selectFrom("membership_notices").innerJoin("people", "people.id", "membership_notices.person_id")
      .select(["people.name", "membership_notices.message", "membership_notices.status"]).execute();
    expect(notices.map((n) => n.name).sort()).toEqual(["Hannah Schultz", "Ingrid Solberg", "Luis Ortega"]);
    expect(notices.every((n) => n.message === MESSAGE && n.status === "pending")).toBe(true);
    expect(await db.selectFrom("outbox").select("to_address").where("kind", "=", "membership_notice").execute()).toHaveLength(3);
  } finally {
    await db.destroy();
  }

  // Every member can read the new policy and its history; members cannot download impact reports.
  await page.context().clearCookies();
  await signInAs(page, "member@demo.council");
  await page.goto("/policy");
  await expect(page.getByRole("heading", { name: /Version 2, in force/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /v1 superseded/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Draft a new version" })).toHaveCount(0);
  expect((await page.request.get(`${baseUrl}/policy/2/impact.csv`)).status()).toBe(403);

  // Put the demo's policy back for whatever runs next (the change applies to everyone, so does this).
  const restore = e2eDb();
  try {
    const founder = await restore.selectFrom("people").select("id").where("email", "=", "founder@demo.council").executeTakeFirstOrThrow();
    const actor = await loadActor(restore, founder.id);
    const v3 = await createPolicyDraft(restore, actor, { summary: "Directors with social responsibility are admitted again, as in version 1.", rules: DEFAULT_POLICY.rules });
    await adoptPolicy(restore, actor, v3, {});
  } finally {
    await restore.destroy();
  }
});

test("a moderator revokes a member after a confirmation step, and the moderation log shows it", async ({ page }) => {
  await signInAs(page, "moderator@demo.council");
  await page.goto("/");
  await openStaffTool(page, "Manage members");
  await page.getByRole("link", { name: "Marcus Bell" }).click();
  await expect(page.getByRole("heading", { name: /Marcus Bell/ })).toBeVisible();
  await page.getByRole("button", { name: "Review revocation" }).click();
  await expect(page.getByText("Choose the rule this revocation is based on.")).toBeVisible();
  await page.getByLabel("Rule").selectOption({ label: "No sales pitches (rule 4)" });
  await page.getByLabel("Reason (sent to them)").fill("Repeated sales pitches to executives after a warning from the moderators.");
  await page.getByRole("button", { name: "Review revocation" }).click();
  await expect(page.getByRole("heading", { name: "Revoke Marcus Bell's membership now?" })).toBeVisible();
  await page.getByRole("button", { name: "Yes, revoke membership" }).click();
  await expect(page.getByRole("heading", { name: /Marcus Bell revoked/ })).toBeVisible();

  const db = e2eDb();
  try {
    const mail = await db.selectFrom("outbox").selectAll().where("to_address", "=", "vp3@demo.council").where("kind", "=", "membership_revoked").executeTakeFirstOrThrow();
    expect(mail.text_body).toMatch(/\/appeal\/\S+/);
  } finally {
    await db.destroy();
  }

  await page.getByRole("link", { name: "Moderation log" }).click();
  const row = page.getByRole("row", { name: /Repeated sales pitches to executives/ });
  await expect(row).toContainText("Membership revoked");
  await expect(row).toContainText("Maya Lindqvist");
  await expect(row).toContainText("No sales pitches (rule 4)");
  // Policy adoptions are public too (rule 6: moderation is transparent).
  await expect(page.getByRole("row", { name: /Eligibility policy adopted/ }).first()).toContainText("Eligibility policy (rule 1)");
});

test("a revoked member appeals through the emailed link without signing in; a founder reinstates them", async ({ page, context }) => {
  const db = e2eDb();
  let link: string;
  try {
    const mail = await db.selectFrom("outbox").select("text_body").where("to_address", "=", "vp3@demo.council").where("kind", "=", "membership_revoked").executeTakeFirstOrThrow();
    link = /\/appeal\/\S+/.exec(mail.text_body)![0];
  } finally {
    await db.destroy();
  }
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Appeal the end of your membership" })).toBeVisible();
  await expect(page.getByText("Repeated sales pitches to executives")).toBeVisible();
  await page.getByLabel("Why should the decision change?").fill("Too short");
  await page.getByRole("button", { name: "Send my appeal" }).click();
  await expect(page.getByText("at least 20 characters")).toBeVisible();
  await expect(page.getByLabel("Why should the decision change?")).toHaveValue("Too short");
  await page.getByLabel("Why should the decision change?").fill("Those were replies to people who asked me for pricing; I will use direct messages only when invited.");
  await page.getByRole("button", { name: "Send my appeal" }).click();
  await expect(page.getByRole("status")).toContainText("is with the founders");

  await signInAs(page, "founder@demo.council");
  await page.goto("/");
  await openStaffTool(page, "Appeals");
  const appeal = page.getByRole("region", { name: "Appeal by Marcus Bell" });
  await expect(appeal).toContainText("Under the current policy (v3): eligible");
  await appeal.getByLabel("Your reason (sent to them)").fill("The messages answered direct questions; reinstated with a reminder of rule 4.");
  await appeal.getByRole("button", { name: "Uphold and reinstate" }).click();
  await expect(page.getByRole("region", { name: "Appeal by Marcus Bell" })).toContainText("upheld");
  await context.clearCookies();
  await page.goto(link);
  await expect(page.getByRole("status")).toContainText("upheld");
});
