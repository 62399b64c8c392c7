// The demo council: seeded only in demo mode, into an empty database. Never in production.
import type { Db } from "../../app/platform/db.server";
import { hashPassword, normalizeEmail } from "../../app/accounts/auth.server";
import { DEFAULT_DISCIPLINES, DEFAULT_LIFECYCLE_AREAS, DEFAULT_MATURITY_STAGES } from "../../app/forum/framework";
import { renderMarkdown } from "../../app/forum/markdown.server";
import { DEFAULT_PITCH_THRESHOLD } from "../../app/moderation/pitch";
import { screenPost } from "../../app/moderation/screening.server";
import { addDays } from "../../app/platform/time";
import type { MemberType, Role, RoleLevel } from "../schema";
import { applicationReceivedEmail } from "../../app/membership/applications.server";
import { evaluateEligibility } from "../../app/membership/eligibility";
import { queueEmail } from "../../app/platform/mail.server";
import { getCurrentPolicy } from "../../app/membership/policy.server";
import { generateToken, hashToken } from "../../app/platform/tokens.server";

export const DEMO_PASSWORD = "council-demo";
export const DEMO_ACCOUNTS = [
  { email: "founder@demo.council", role: "founder" },
  { email: "moderator@demo.council", role: "moderator" },
  { email: "member@demo.council", role: "member (VP, executive)" },
  { email: "consultant@demo.council", role: "member (consultant)" },
] as const;

type SeedPerson = [email: string, name: string, title: string, company: string, roleLevel: RoleLevel, memberType: MemberType, roles: Role[]];

const PEOPLE: SeedPerson[] = [
  ["founder@demo.council", "Frances Okafor", "Founder & Principal", "Council Advisory", "c_level", "consultant", ["member", "founder"]],
  ["founder2@demo.council", "Jeremiah Lund", "Co-founder", "Council Advisory", "c_level", "consultant", ["member", "founder"]],
  ["moderator@demo.council", "Maya Lindqvist", "SVP, Digital & Social", "Northwind Retail", "svp", "executive", ["member", "moderator"]],
  ["moderator2@demo.council", "Tomás Herrera", "VP, Corporate Communications", "Helix Pharma", "vp", "executive", ["member", "moderator"]],
  ["member@demo.council", "Priya Raman", "VP, Social Media", "Contoso Bank", "vp", "executive", ["member"]],
  ["consultant@demo.council", "Daniel Brooks", "Managing Partner", "Brooks & Reed Consulting", "c_level", "consultant", ["member"]],
  ["cmo@demo.council", "Grace Whitfield", "Chief Marketing Officer", "Fabrikam Foods", "c_level", "executive", ["member"]],
  ["evp@demo.council", "Oluwaseun Adeyemi", "EVP, Customer Experience", "Litware Telecom", "evp", "executive", ["member", "chapter_president"]],
  ["director@demo.council", "Hannah Schultz", "Director, Social Strategy", "Adventure Works", "director", "executive", ["member"]],
  ["svp@demo.council", "Kenji Watanabe", "SVP, Employee Experience", "Tailspin Airlines", "svp", "executive", ["member"]],
  ["vp2@demo.council", "Amelia Novak", "VP, Social Customer Care", "Northwind Retail", "vp", "executive", ["member"]],
  ["director2@demo.council", "Luis Ortega", "Director, Social Analytics", "Wide World Importers", "director", "executive", ["member"]],
  ["cdo@demo.council", "Sofia Marchetti", "Chief Digital Officer", "Proseware Insurance", "c_level", "executive", ["member"]],
  ["consultant2@demo.council", "Rachel Kim", "Principal Analyst", "Signal Research Group", "vp", "consultant", ["member"]],
  ["vp3@demo.council", "Marcus Bell", "VP, Product Marketing", "Blue Yonder Software", "vp", "executive", ["member"]],
  ["director3@demo.council", "Ingrid Solberg", "Director, Internal Communications", "Helix Pharma", "director", "executive", ["member"]],
];

type SeedThread = { area: string; discipline: string; stage: string | null; author: string; title: string; body: string; replies: [string, string][]; chapter?: boolean };

const THREADS: SeedThread[] = [
  { area: "customer", discipline: "measurement", stage: "scaling", author: "member@demo.council", title: "How do you attribute revenue to social customer care?",
    body: "Our care team answers ~40k social inquiries a month. Finance wants a number. We have CSAT and deflection savings, but **revenue retained** is the one the CFO asks about.\n\nWhat models have survived a CFO review in your company?",
    replies: [["cmo@demo.council", "We tied care interactions to churn cohorts: customers who got a public resolution within an hour churned 11% less over 12 months. It took a data-science partner inside finance to make it stick."],
      ["director2@demo.council", "Deflection savings convinced our CFO first; retention came a year later once we had cohort data. Start with the number they already believe."]] },
  { area: "customer", discipline: "strategy", stage: "experimenting", author: "cmo@demo.council", title: "Awareness vs. referral: where should a first social budget go?",
    body: "If you could fund only one stage of the customer lifecycle with social this year — awareness or referral — which would you pick and why?",
    replies: [["svp@demo.council", "Referral. Our advocates already talk about us; making that easier cost less than any awareness campaign."],
      ["moderator@demo.council", "Awareness, but only because our brand is new in two markets. Context matters more than the stage."]] },
  { area: "customer", discipline: "execution", stage: "scaling", author: "vp2@demo.council", title: "Staffing a 24/7 social care desk across time zones",
    body: "We are moving from 12/5 to 24/7. Follow-the-sun with three hubs, or one hub with night shifts? Lessons learned welcome.",
    replies: [["evp@demo.council", "Follow-the-sun worked for us, but invest in a shared tone-of-voice guide early; three hubs drifted into three brands."]] },
  { area: "employee", discipline: "strategy", stage: "scaling", author: "svp@demo.council", title: "Employee advocacy without it feeling forced",
    body: "Our pilot had 300 employees sharing company posts. Engagement was low and some felt pressured. How do you make advocacy voluntary and still meaningful?",
    replies: [["director3@demo.council", "We stopped supplying posts and started supplying stories employees were in. Participation went down, reach went up."],
      ["member@demo.council", "Make it opt-in, never tie it to performance reviews, and let people say no without explaining."],
      ["consultant2@demo.council", "In our research the programs that last treat advocacy as a career benefit for the employee, not a channel for the brand."]] },
  { area: "employee", discipline: "execution", stage: "experimenting", author: "director3@demo.council", title: "Internal social network: Viva Engage, Workplace replacement, or nothing?",
    body: "With Workplace shutting down we need to decide. We have 18k employees, mostly deskless. What did you move to and what did you lose?",
    replies: [["svp@demo.council", "We moved to Viva Engage. Deskless adoption was the hard part: we lost about a third of active users in the first quarter."]] },
  { area: "employee", discipline: "measurement", stage: null, author: "moderator2@demo.council", title: "Measuring the effect of social on recruiting",
    body: "Has anyone connected employee social activity to recruiting outcomes (applications, quality of hire) in a way HR trusts?",
    replies: [["director@demo.council", "We tag referral links per employee; it's crude but HR accepted it because it came from their own ATS."]] },
  { area: "product", discipline: "strategy", stage: "transforming", author: "vp3@demo.council", title: "Bringing customers into product ideation publicly",
    body: "We are considering an open ideas community. Legal worries about IP, product worries about expectations. Who has done this well?",
    replies: [["cdo@demo.council", "We did, with clear terms and a public 'not now' status. The 'not now' status was the most valued feature."],
      ["consultant@demo.council", "From client work: the communities that survive publish what they decided and why, including the no's."]] },
  { area: "product", discipline: "execution", stage: "scaling", author: "cdo@demo.council", title: "Closing the loop with customers who suggested a feature",
    body: "When a customer's idea ships, how do you tell them? We tried automated emails and they felt hollow.",
    replies: [["vp3@demo.council", "A personal note from the product manager, public thanks in the release notes. Costs an hour per release."]] },
  { area: "product", discipline: "measurement", stage: "experimenting", author: "director@demo.council", title: "Sentiment as an early warning for product issues",
    body: "Has social listening ever caught a product defect before your support tickets did? How far ahead?",
    replies: [["director2@demo.council", "Twice in three years, about 36 hours ahead. Worth it, but only with a named owner who acts on alerts."]] },
  { area: "operational", discipline: "strategy", stage: "scaling", author: "evp@demo.council", title: "Who owns social: marketing, communications, or a center of excellence?",
    body: "We are reorganising. Social currently sits in marketing, care sits in operations, and employee advocacy in HR. Did a center of excellence help you?",
    replies: [["moderator@demo.council", "A small CoE with a governance mandate, not a budget mandate. Owning the budget made every other team stop cooperating."],
      ["cmo@demo.council", "Ours sits in marketing with a dotted line to comms. It works because the two leaders get along, which is not a structure."],
      ["consultant@demo.council", "I've seen both work. The deciding factor was whether the CoE could say no to a business unit."]] },
  { area: "operational", discipline: "execution", stage: "transforming", author: "moderator@demo.council", title: "Social media crisis playbooks: how often do you drill?",
    body: "We run a tabletop exercise twice a year. Is that enough? What scenario caught your team off guard?",
    replies: [["vp2@demo.council", "Quarterly, short ones. The scenario that broke us was an employee's personal post going viral, not a brand post."]] },
  { area: "operational", discipline: "measurement", stage: null, author: "director2@demo.council", title: "Cost per resolved inquiry: social vs. phone",
    body: "Our numbers show social care costs 40% less per resolved inquiry than phone. Does that match yours, or are we missing hidden costs?",
    replies: [["member@demo.council", "Ours was closer to 25% once we counted the escalations that moved to phone anyway."]] },
  { area: "information", discipline: "strategy", stage: "scaling", author: "cdo@demo.council", title: "Governance for AI-generated social content",
    body: "Legal wants a review step for anything generated. Marketing says it kills speed. Where did you land?",
    replies: [["moderator2@demo.council", "Risk tiers: replies to customers need a human, scheduled brand posts get sampled review."],
      ["consultant2@demo.council", "Most companies we surveyed have a policy but no audit of whether it is followed. Start with the audit."]] },
  { area: "information", discipline: "execution", stage: "experimenting", author: "director@demo.council", title: "Routing listening insights to the people who can act",
    body: "We produce a weekly listening report that nobody reads. How do you get insights to product and operations teams?",
    replies: [["evp@demo.council", "We killed the report. Each team gets three alerts a week in their own channel, with a named owner."]] },
  { area: "information", discipline: "measurement", stage: "transforming", author: "director2@demo.council", title: "Benchmarking share of voice against competitors who are members here",
    body: "Awkward question given who is in this room: do you share benchmark data with competitors? Some of us already buy the same panel data.",
    replies: [["founder@demo.council", "This is exactly why the council is inclusive of competitors. An anonymised benchmark among members could be a council project — shall we put it to a vote?"],
      ["cmo@demo.council", "I'd join an anonymised benchmark if the method is published."]] },
  { area: "customer", discipline: "execution", stage: "transforming", author: "evp@demo.council", title: "Regional chapter: New York gathering agenda", chapter: true,
    body: "Proposed agenda for our next New York chapter gathering: social care at scale, advocacy programs, and measurement. Add what you want to discuss.",
    replies: [["member@demo.council", "I'd add: how we report social to the board."]] },
  { area: "employee", discipline: "strategy", stage: "transforming", author: "founder@demo.council", title: "Is Director the right minimum level for this council?",
    body: "When we started we let in a few excellent people below Director. Other companies rightly complained that their teams had been turned away, and we had to revoke those memberships. **You make a rule, you have to uniformly enforce it.**\n\nSo we ask you, the members: is Director-with-social-responsibility the right level? Any change would apply to everyone, through a policy vote.",
    replies: [["svp@demo.council", "Keep it. The value of this room is that everyone here can make the decision, not just recommend it."],
      ["director@demo.council", "Keep it, but consider senior managers who run social for a whole company with no director above them."],
      ["consultant@demo.council", "As a consultant member I'd say the uniformity matters more than the exact line."]] },
  { area: "product", discipline: "strategy", stage: "scaling", author: "svp@demo.council", title: "Social proof in B2B product pages: worth the legal review?",
    body: "Embedding customer social posts on product pages needs consent and review for each post. Has the conversion lift justified it for you?",
    replies: [["vp3@demo.council", "A 4% lift on two pages, not worth it on the rest. We kept it where buyers compare vendors."]] },
  { area: "operational", discipline: "strategy", stage: "experimenting", author: "member@demo.council", title: "Board reporting on social: what goes on one slide?",
    body: "I get one slide per quarter with the board. What would you put on it?",
    replies: [["cdo@demo.council", "One outcome metric the board already cares about, one risk, one decision you need from them."],
      ["moderator@demo.council", "Never a follower count."]] },
  { area: "information", discipline: "strategy", stage: null, author: "consultant@demo.council", title: "Data retention rules for social listening archives",
    body: "Several clients keep listening data forever 'just in case'. With GDPR and state privacy laws, what retention periods have your privacy teams set?",
    replies: [["director2@demo.council", "Thirteen months for raw posts, aggregated metrics indefinitely. Privacy agreed once we dropped author handles after 90 days."]] },
];

// A consultant's post, held by the pitch check before it reached the room (its reasons are the detector's own).
const HELD_REPLY = {
  thread: "How do you attribute revenue to social customer care?",
  author: "consultant@demo.council",
  body: "Great question! Our **RevenueLens** platform solves exactly this — book a free 30-minute demo at https://calendly.com/brooks-reed/demo and mention the council for 20% off.",
};
const HELD_REPLY_SCREENING = screenPost(HELD_REPLY.body, DEFAULT_PITCH_THRESHOLD);

const APPLICANTS = [
  { name: "Elena Petrova", email: "elena.petrova@fourthcoffee.com", title: "VP, Social & Community", company: "Fourth Coffee", role_level: "vp", member_type: "executive", social: 1, note: "I lead social strategy and community for our 40 markets.", daysAgo: 1 },
  { name: "Samir Haddad", email: "samir.haddad@gmail.com", title: "Chief Marketing Officer", company: "Woodgrove Outdoors", role_level: "c_level", member_type: "executive", social: 1, note: "Social reports to me.", daysAgo: 3 },
  { name: "Beth Carter", email: "beth.carter@lucernepublishing.com", title: "Social Media Manager", company: "Lucerne Publishing", role_level: "below_director", member_type: "executive", social: 1, note: "I run our social channels day to day.", daysAgo: 6 },
] as const;

/** True if the database holds no people yet (the demo is seeded only then). */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom("people").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/** Framework vocabulary; needed in every mode (production included). Idempotent. */
export async function seedFramework(db: Db) {
  const existing = await db.selectFrom("lifecycle_areas").select("key").execute();
  if (existing.length) return;
  await db.insertInto("lifecycle_areas").values(DEFAULT_LIFECYCLE_AREAS.map((a, i) => ({ ...a, position: i }))).execute();
  await db.insertInto("disciplines").values(DEFAULT_DISCIPLINES.map((d, i) => ({ ...d, position: i }))).execute();
  await db.insertInto("maturity_stages").values(DEFAULT_MATURITY_STAGES.map((s, i) => ({ ...s, position: i }))).execute();
}

export async function seedDemo(db: Db, now = new Date()) {
  await seedFramework(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const policy = await getCurrentPolicy(db);
  await db.transaction().execute(async (trx) => {
    const chapter = await trx.insertInto("chapters")
      .values({ slug: "new-york", name: "New York", description: "Members in the New York metro area.", created_at: addDays(now, -200).toISOString() })
      .returning("id").executeTakeFirstOrThrow();

    const ids = new Map<string, number>();
    for (const [i, [email, name, title, company, roleLevel, memberType, roles]] of PEOPLE.entries()) {
      const joined = addDays(now, -300 + i * 7).toISOString();
      const inChapter = ["evp@demo.council", "member@demo.council", "cmo@demo.council", "moderator@demo.council"].includes(email);
      const person = await trx.insertInto("people").values({
        email, email_normalized: normalizeEmail(email), name, title, company, role_level: roleLevel, member_type: memberType,
        social_responsibility: 1, social_responsibility_note: "Owns social strategy for the company.", password_hash: passwordHash,
        chapter_id: inChapter ? chapter.id : null, joined_at: joined,
        // One executive has opened the door to consultants; everyone else keeps the default (no one).
        consultant_contact: email === "cmo@demo.council" ? "anyone" : "no_one",
      }).returning("id").executeTakeFirstOrThrow();
      ids.set(email, person.id);
      for (const role of roles) {
        await trx.insertInto("person_roles").values({
          person_id: person.id, role, chapter_id: role === "chapter_president" ? chapter.id : null, granted_at: joined,
        }).execute();
      }
    }

    for (const [i, t] of THREADS.entries()) {
      const created = addDays(now, -60 + i * 3);
      const posts = [[t.author, t.body] as [string, string], ...t.replies];
      const last = addDays(created, posts.length - 1).toISOString();
      const thread = await trx.insertInto("threads").values({
        author_id: ids.get(t.author)!, title: t.title, lifecycle_area: t.area, discipline: t.discipline, maturity_stage: t.stage,
        chapter_id: t.chapter ? chapter.id : null, post_count: posts.length, created_at: created.toISOString(), last_post_at: last,
      }).returning("id").executeTakeFirstOrThrow();
      for (const [n, [author, body]] of posts.entries()) {
        await trx.insertInto("posts").values({
          thread_id: thread.id, author_id: ids.get(author)!, number: n + 1, body_markdown: body, body_html: renderMarkdown(body),
          created_at: addDays(created, n).toISOString(),
        }).execute();
      }
      if (t.title === HELD_REPLY.thread) {
        await trx.insertInto("posts").values({
          thread_id: thread.id, author_id: ids.get(HELD_REPLY.author)!, number: posts.length + 1, body_markdown: HELD_REPLY.body,
          body_html: renderMarkdown(HELD_REPLY.body), status: "held", hold_reasons: JSON.stringify(HELD_REPLY_SCREENING.reasons),
          created_at: addDays(now, -1).toISOString(),
        }).execute();
      }
    }

    // Each demo application carries its policy verdict, and its confirmation (with the private status
    // link) is in the outbox, stored and never sent, where a founder can open it.
    for (const [i, a] of APPLICANTS.entries()) {
      const created = addDays(now, -a.daysAgo);
      const token = generateToken();
      const reference = `APP-DEMO-${i + 1}`;
      const dueAt = addDays(created, policy.rules.reviewWindowDays).toISOString();
      const verdict = evaluateEligibility({
        name: a.name, email: a.email, title: a.title, company: a.company, roleLevel: a.role_level, memberType: a.member_type, socialResponsibility: a.social === 1,
      }, policy);
      await trx.insertInto("applications").values({
        reference, status_token_hash: hashToken(token),
        name: a.name, email: a.email, email_normalized: normalizeEmail(a.email), title: a.title, company: a.company,
        role_level: a.role_level, member_type: a.member_type, social_responsibility: a.social, social_responsibility_note: a.note,
        created_at: created.toISOString(), due_at: dueAt,
        verdict_outcome: verdict.outcome, verdict_policy_version: verdict.policyVersion, verdict_reasons: JSON.stringify(verdict.reasons),
      }).execute();
      await queueEmail(trx, applicationReceivedEmail({ name: a.name, email: a.email, reference, dueAt }, token), { smtp: false });
    }
  });
}
