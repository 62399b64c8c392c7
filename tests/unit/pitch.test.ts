import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_PITCH_THRESHOLD, MAX_EXCERPT_LENGTH, detectPitch, type PitchVerdict } from "~/moderation/pitch";

type CorpusRow = { id: string; label: "pitch" | "ok"; set: "tune" | "holdout"; authorType: "executive" | "consultant"; body: string; batch?: number };

const corpus: CorpusRow[] = readFileSync(path.resolve(import.meta.dirname, "../fixtures/pitch-corpus.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as CorpusRow);

function rates(rows: CorpusRow[]) {
  const held = (r: CorpusRow) => detectPitch(r.body).held;
  const pitches = rows.filter((r) => r.label === "pitch");
  const honest = rows.filter((r) => r.label === "ok");
  return {
    recall: pitches.filter(held).length / pitches.length,
    fpr: honest.filter(held).length / honest.length,
  };
}

describe("each pitch signal fires and explains itself", () => {
  it.each([
    ["call_to_action", "Book a call with me this week and I'll show you how.", "Book a call"],
    ["call_to_action", "We've done this for global brands, so let's connect.", "let's connect"],
    ["call_to_action", "Happy to jump on a quick call about it.", "jump on a quick call"],
    ["direct_message", "Happy to share our framework, just DM me.", "DM me"],
    ["direct_message", "If this is a problem for you, feel free to reach out.", "reach out"],
    ["sign_up", "Sign up for our newsletter to get weekly social care tips.", "Sign up"],
    ["offer", "Mention the council for 20% off our listening audit.", "20% off"],
    ["offer", "Council members get a free trial for 60 days.", "free trial"],
    ["offer", "Get 30% off with code COUNCIL30.", "30% off"],
    ["price_list", "Our rate card for strategy engagements is attached.", "rate card"],
    ["price_list", "Our retainer starts at $8k/month and includes reporting.", "retainer starts"],
    ["self_promotion", "Our platform solves the attribution problem for B2B social selling.", "Our platform solves"],
    ["self_promotion", "At my agency we help clients turn advocacy into pipeline.", "At my agency we"],
    ["self_promotion", "We offer end-to-end community management for enterprise brands.", "We offer"],
    ["self_promotion", "We built a tool that does exactly this.", "We built a tool"],
    ["contact_details", "Write to sarah@pivotsocial.com for the details.", "sarah@pivotsocial.com"],
    ["contact_details", "Reach me on +1 (415) 555-0192 any afternoon.", "555-0192"],
    ["scheduling_link", "Grab a slot: calendly.com/rpatel/intro", "calendly.com"],
    ["scheduling_link", "Pick a time at hubspot.com/meetings/advocacy-team.", "hubspot.com/meetings"],
    ["sales_link", "The details are at approvly.io/signup?utm_source=council", "utm_source"],
    ["sales_link", "See brightloop.agency/pricing for the packages.", "brightloop.agency/pricing"],
    ["urgency", "Only 3 spots left for Q3.", "Only 3 spots"],
    ["urgency", "Limited time: the offer ends Friday.", "Limited time"],
    ["superlative", "We're the best-in-class partner for regulated industries.", "best-in-class"],
    ["superlative", "The #1 rated employee advocacy app on G2.", "#1"],
    ["results_claim", "Our clients see 3x engagement within 90 days.", "Our clients see"],
    ["soft_offer", "Happy to share our playbook with anyone interested.", "Happy to share our playbook"],
    ["plug", "Quick plug: our marketplace just added B2B creators.", "Quick plug"],
    ["plug", "Shameless plug: my new report on B2B creator economics is live.", "Shameless plug"],
    ["own_offering", "Our platform flags risky posts before they go live. Happy to set up a trial for your team.", "Happy to set up"],
    ["own_offering", "We'd be glad to run the same audit for your brand; our practice has done dozens.", "We'd be glad to"],
    ["own_offering", "Send us the contract and we'll handle the negotiation. My firm has done this for years.", "we'll handle"],
    ["availability", "I have availability from March for advisory work.", "I have availability"],
    ["availability", "Bookings are open for the spring workshop.", "Bookings are open"],
    ["availability", "We keep it small, so there is room for 4 more.", "room for 4 more"],
    ["availability", "I have two slots left in January for advisory engagements.", "two slots left"],
    ["send_materials", "Happy to send over our capabilities deck to anyone planning a review.", "capabilities deck"],
    ["send_materials", "I can send you a one-pager on how the programme works.", "send you a one-pager"],
    ["audience_offer", "We have put together a package for council members this quarter.", "for council members"],
    ["audience_offer", "Council members get priority scheduling on our onsite.", "Council members get"],
    ["recruits_customers", "We're looking for beta testers for our approvals app.", "beta testers"],
    ["recruits_customers", "We're looking for five companies to pilot the new module.", "looking for five companies to pilot"],
    ["recruits_customers", "Free access for any member here in exchange for feedback.", "in exchange for feedback"],
    ["vendor_voice", "We built Relay for exactly this kind of approval bottleneck.", "We built Relay for"],
    ["vendor_voice", "My consultancy specialises in creator vetting for banks.", "My consultancy"],
    ["vendor_voice", "We routinely save clients a third of their listening spend.", "We routinely save"],
    ["invites_contact", "Let me know if you'd like to explore working together.", "Let me know if you'd like to explore"],
    ["invites_contact", "Glad to chat whenever suits you.", "Glad to chat"],
    ["invites_contact", "Reply to this thread if interested.", "Reply to this thread if interested"],
    ["invites_contact", "If you are planning a refresh, get in touch.", "get in touch"],
    ["sign_up", "My book is out: get it at socialroibook.com today.", "get it at"],
    ["sign_up", "Pre-orders of the new edition ship in May.", "Pre-orders"],
    ["price_list", "For a fee, my team will benchmark your programme against 40 peers.", "For a fee"],
    ["price_list", "We only charge a share of the savings we find.", "We only charge"],
    ["price_list", "A tailored package for council members at $3,000.", "package for council members at $3"],
    ["offer_to_do", "Our team can stand up a social care desk for you in four weeks.", "Our team can stand up"],
    // giveaways, risk reversal and special terms
    ["offer", "I have 25 signed copies to give away to members of this group.", "to give away"],
    ["offer", "We'll migrate your historical data at our expense when you switch.", "at our expense"],
    ["offer", "Results in 90 days or you don't pay.", "or you don't pay"],
    ["offer", "We run them for a fixed fee and the findings are yours to keep even if you don't hire us.", "yours to keep"],
    ["offer", "Design partners get lifetime pricing.", "lifetime pricing"],
    ["offer", "They're extending the pilot terms we had to anyone from this council.", "extending the pilot terms"],
    ["offer", "We run a half-day planning session for enterprise brands, on us.", ", on us"],
    // fractional and interim work, capability claims, selling what the author built
    ["self_promotion", "I'm available for fractional head-of-social roles from January.", "available for fractional"],
    ["self_promotion", "Between mandates right now, so I can start in two weeks.", "Between mandates"],
    ["self_promotion", "We're the only agency with analysts in all 24 EU languages.", "We're the only"],
    ["self_promotion", "Nobody else in the market combines care, listening and advocacy in one contract.", "Nobody else in the market"],
    ["self_promotion", "We work with most of the companies in this group already.", "in this group"],
    ["self_promotion", "It works so well that we're now licensing it to other companies.", "licensing it to other companies"],
    ["self_promotion", "This is exactly what our dashboards were built for.", "exactly what our dashboards were built"],
    ["self_promotion", "That gap is the whole reason Tidewater exists.", "the whole reason Tidewater exists"],
    ["self_promotion", "If you're rebuilding your care desk, put us on the RFP list.", "put us on the RFP list"],
    ["self_promotion", "That's the focus of my practice, and I'm taking on one new client in Q2.", "taking on one new client"],
    ["availability", "My calendar has some room next week.", "My calendar has some room"],
    ["availability", "It's invite-only, but I'm holding places for council members.", "holding places for"],
    ["availability", "Small group, and a couple of seats are still open.", "seats are still open"],
    // material for readers, and asking them to comment to receive it
    ["send_materials", "I have a one-page ROI model that CFOs accept. Glad to pass it along.", "pass it along"],
    ["send_materials", "I can send the latest edition to anyone who wants to see where they rank.", "to anyone"],
    ["sign_up", "Comment below and I'll send you a copy.", "Comment below and I'll send"],
    ["sign_up", "It's free: sign up on my site and it lands in your inbox.", "sign up on my site"],
    ["sign_up", "Find it on Spotify or Apple, give it a listen and subscribe.", "Find it on Spotify"],
    ["sign_up", "Registration link in the comments.", "Registration link"],
    ["superlative", "I've written what I think is the definitive guide to social governance.", "the definitive guide"],
    ["recruits_customers", "Looking for three or four brands to co-design our new module.", "Looking for three or four brands to co-design"],
    ["recruits_customers", "It's in private beta and I'm adding a handful of enterprise teams this month.", "private beta"],
    // events, podcasts and cohorts of the author's own
    ["own_event", "I'm teaching a live masterclass on social ROI next Thursday.", "I'm teaching a live masterclass"],
    ["own_event", "Our spring accelerator starts on 3 March.", "Our spring accelerator"],
    ["own_event", "We covered exactly this on this week's episode of our podcast.", "this week's episode"],
    ["own_event", "My co-founder and I now teach the method to other companies.", "My co-founder and I now teach"],
    // recommending a firm the author is tied to
    ["tied_recommendation", "Disclosure: I sit on the advisory board of Vantage. I'd strongly recommend you check them out.", "check them out"],
    ["tied_recommendation", "I invested in a care-automation company. Put them on your shortlist and tell them I pointed you their way.", "Put them on your shortlist"],
    ["tied_recommendation", "Plug for a friend's firm: they're brilliant and can't recommend them enough.", "can't recommend them enough"],
    ["direct_message", "If anyone wants to dig into it, you know where to find me.", "you know where to find me"],
    ["direct_message", "Drop your email below and I'll add you.", "Drop your email"],
    ["invites_contact", "Our method has been validated twice. Worth a conversation.", "Worth a conversation"],
    ["invites_contact", "We've turned those lessons into an advisory offer; details are available on request.", "details are available on request"],
    ["results_claim", "Three of my last four clients got their hires approved.", "of my last four clients"],
    ["results_claim", "We cover 40 brands from Manila and Lisbon.", "We cover 40 brands"],
    ["vendor_voice", "I'm the founder of Signalcraft and this is the problem we solve.", "I'm the founder of"],
    ["vendor_voice", "I spent eight years at a vendor and now advise buyers.", "now advise buyers"],
    ["reader_need", "Before you sign that renewal, get a second pair of eyes on it.", "Before you sign"],
    ["reader_need", "If your CFO keeps asking for social ROI, start here.", "If your CFO keeps"],
    ["offer_to_do", "Our platform integrates with Workday, and we can have you live this quarter.", "we can have you live"],
    ["offer_to_do", "If you'd like us to vet your current roster, send me the list.", "like us to vet"],
    ["price_list", "Pricing is per conversation, not per seat.", "Pricing is per conversation, not per"],
    ["audience_offer", "Applications close on the 15th, and council members are very welcome.", "council members are very welcome"],
    ["self_promotion", "We built our practice around fixing exactly this for mid-market brands.", "built our practice around"],
    ["self_promotion", "I left my role last month and set up my own advisory practice.", "set up my own advisory practice"],
    ["self_promotion", "I've made it available as a subscription for other teams.", "made it available as"],
    ["results_claim", "Our attribution model is already accepted by finance teams at several Fortune 500s.", "accepted by finance teams at several Fortune"],
    ["results_claim", "Our team has run more than 200 simulations for global brands.", "Our team has run more than 200 simulations"],
    ["availability", "Our benchmarking club is accepting new members from the Fortune 1000.", "is accepting new members"],
    ["availability", "We're keeping it small and there's still room.", "there's still room"],
    ["invites_contact", "Coffee's on me for anyone in London who wants to talk it through.", "Coffee's on me"],
    ["offer_to_do", "We can plug our listening feed into your existing dashboards within a day.", "We can plug our listening feed into your"],
    ["call_to_action", "I'd be glad to walk your finance partner through it.", "walk your finance partner through it"],
    ["tied_recommendation", "My husband's agency does creator vetting. If anyone wants a name, they're at vettedcreators.co.", "wants a name"],
    ["own_event", "My course starts on Monday.", "My course starts"],
    ["urgency", "It's not too late to be included.", "not too late to be included"],
  ])("%s: %s", (signal, text, fragment) => {
    const reason = detectPitch(text).reasons.find((r) => r.signal === signal);
    expect(reason, `signal ${signal} should fire`).toBeDefined();
    expect(reason!.weight).toBeGreaterThan(0);
    // A moderator-readable sentence, not a key.
    expect(reason!.label).toMatch(/^[A-Z][a-z]+ .{10,}/);
    expect(reason!.label).not.toBe(signal);
    expect(text).toContain(reason!.excerpt);
    expect(reason!.excerpt).toContain(fragment);
    expect(reason!.excerpt.length).toBeLessThanOrEqual(MAX_EXCERPT_LENGTH);
  });
});

describe("honest discussion is not held", () => {
  it.each([
    "We pay about $40k a year for Sprinklr and I'm not sure it's worth it — what do others see?",
    "Our agency partner helped us set up advocacy. Lessons learned: start with volunteers, not mandates.",
    "Has anyone negotiated a multi-year deal with Khoros? We were quoted $250k and it feels high.",
    "We got a free trial of a listening tool last year and found the data too noisy. Has anyone had better luck with paid tiers?",
    "The Sprinklr rep offered us 20% off for a three-year term. Is that normal?",
    "Our agency quoted $45k for a social audit. That seems steep — what have others paid for similar work?",
    "We got a demo from three listening vendors last quarter. Honestly they all looked the same.",
    "Reaching out to the group with a question: how do you handle employees who post about competitors' layoffs?",
    "Let's connect the dots here: governance, measurement and care all depend on the same taxonomy.",
    "Email me the agenda for the chapter meeting please — I missed the invitation.",
    "In our company, social customer care sits in the contact center. The key was shared KPIs.",
    "Full disclosure, I work for a measurement vendor, so I'll stay out of the tool debate.",
    // first-person experience that shares words with the newer pitch signals
    "We offer our social team a training budget of $2,000 each, and most spend it on analytics courses.",
    "I'd welcome a chat with anyone who moved social care to CX. How did you handle the reporting line?",
    "Our agency sent us their capabilities deck and it was 90 slides. How do others keep agency reviews short?",
    "Our platform team finally moved us to SSO. Access requests are down 70%.",
    "Our vendor offered us early access to their AI module. Has anyone tried it in production?",
    "Happy to share my notes from the chapter meeting. They are in the resources area.",
    "We have room for two more speakers on the chapter dinner agenda. Any volunteers?",
    "We'll handle the chapter logistics this time; can someone else take the agenda?",
    "We ran a free pilot with a listening vendor and the results were impressive, but the annual price was triple our budget.",
    "We had a limited-time promotion go wrong on social when the discount code leaked early. Lesson: staging matters.",
    "Our advocacy platform costs us $18 per user per year and we have 3,000 users. Participation is about 22%.",
    "My team is stretched and I'm considering an outside partner for measurement. What should I ask them?",
    // offers, events, betas and fractional work the author received, attended or hired: discussion, not a pitch
    "We received a pitch from an agency offering a free listening audit. I declined because free audits usually end with a sales deck, but is anyone glad they took one?",
    "We hired a fractional head of social for six months while we recruited. Has anyone else tried it?",
    "We joined a vendor's beta for an AI care assistant last spring. It made up policy on anything hard, so we turned it off.",
    "We tested an influencer scoring tool that claimed to be the only one with fraud detection. It flagged our own CEO.",
    "A masterclass I attended on social ROI was excellent until the last 15 minutes, which became a product demo.",
    "I sit on the advisory board of a measurement startup, so I won't recommend any tool here. How do you attribute pipeline to advocacy?",
    "A startup founder offered me equity to join their advisory board. How do others in this group handle those offers?",
    "We ran a giveaway on our brand channels and the replies were 80% bots. Has anyone found a good way to filter entries?",
    "If anyone wants to compare notes on care staffing models, I'm around at the next chapter meeting.",
    "I'm happy to share our governance framework in the resources area, no strings attached.",
    "Our agency's capabilities pitch claimed they work with most Fortune 100 brands. When we asked for references, they had two.",
    "We're hosting the chapter dinner in March. Add topics to the agenda thread.",
    "I help companies with advocacy for a living, so I'm biased, but one point for the OP: don't start with a tool. Start with 20 volunteers.",
    "Our advocacy platform won an award last year, and honestly our results are still mediocre. Awards measure features, not adoption.",
    "We built a staffing forecast model for social care on our own data. It's 85% accurate a week out.",
    "We plug our listening feed into Tableau ourselves. It took a contractor two weeks and saved us a $30k module.",
    "We switched care platforms this year. The vendor offered migration at no cost, which was real, but the retraining took three months.",
    "I was offered a free chapter review from an author writing about governance, in exchange for being featured. I declined.",
  ])("%s", (text) => {
    const verdict = detectPitch(text);
    expect(verdict.held).toBe(false);
    expect(verdict.score).toBeLessThan(DEFAULT_PITCH_THRESHOLD);
  });

  it("shows discussion signals with a negative weight, after the pitch signals", () => {
    const { reasons } = detectPitch("We tried two listening tools last year. What do others use? DM me if you want our notes.");
    const signals = reasons.map((r) => r.signal);
    expect(signals).toEqual(expect.arrayContaining(["direct_message", "question", "asks_peers", "first_person_experience"]));
    expect(reasons.find((r) => r.signal === "question")!.weight).toBeLessThan(0);
    const weights = reasons.map((r) => r.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it("counts an offer to help as a firm's offer only when the post speaks of the author's own firm or product", () => {
    const plain = detectPitch("Happy to help anyone who is setting up a listening desk. We learned a lot doing ours.");
    expect(plain.reasons.map((r) => r.signal)).not.toContain("own_offering");
    const firm = detectPitch("Happy to help anyone who is setting up a listening desk. Our agency has done forty of them.");
    expect(firm.reasons.find((r) => r.signal === "own_offering")?.excerpt).toContain("Happy to help");
  });

  it("does not count an offer put as a question ('Want a demo?') as asking peers", () => {
    const verdict = detectPitch("Our AI moderation tool cuts response times in half. Want a demo?");
    expect(verdict.reasons.map((r) => r.signal)).not.toContain("question");
    expect(verdict.held).toBe(true);
    // a real question still earns discussion credit
    expect(detectPitch("DM me. What do others pay for listening?").reasons.map((r) => r.signal)).toContain("question");
  });

  it("does not let discussion wash out contact details plus an offer", () => {
    const text =
      "We tried many approaches last year and I learned a lot. What do others see? Has anyone measured this? Lessons learned matter. Email sarah@pivotsocial.com for 20% off our audit.";
    const verdict = detectPitch(text);
    expect(verdict.held).toBe(true);
    expect(verdict.reasons.map((r) => r.signal)).toEqual(expect.arrayContaining(["contact_details", "offer"]));
  });
});

describe("uniform: the verdict is a function of the text only", () => {
  // The same kind of wrapper the CLI and the app use: it receives the author type and must ignore it.
  const checkPost = (post: { body: string; authorType?: "executive" | "consultant" }): PitchVerdict => detectPitch(post.body);

  it("gives every corpus post the same verdict whoever wrote it", () => {
    for (const { id, body } of corpus) {
      const asExecutive = checkPost({ body, authorType: "executive" });
      expect(checkPost({ body, authorType: "consultant" }), id).toEqual(asExecutive);
      expect(checkPost({ body }), id).toEqual(asExecutive);
    }
  });

  it("takes no author parameter at all", () => {
    expect(detectPitch.length).toBeLessThanOrEqual(1); // (text, threshold = default)
  });

  it("holds pitches written by executives, not just by consultants", () => {
    // The rows the phrase table was written against (later batches are for the model, and many were chosen because the rules miss them).
    const execPitches = corpus.filter((r) => r.label === "pitch" && r.authorType === "executive" && r.batch === undefined);
    expect(execPitches.length).toBeGreaterThan(5);
    expect(execPitches.filter((r) => detectPitch(r.body).held).length / execPitches.length).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps no state between calls", () => {
    const first = corpus.map((r) => detectPitch(r.body));
    const reversed = [...corpus].reverse().map((r) => detectPitch(r.body)).reverse();
    expect(reversed).toEqual(first);
  });
});

describe("threshold", () => {
  const text = "Happy to share our framework, just DM me.";

  it("holds at the default threshold", () => {
    expect(detectPitch(text).held).toBe(true);
  });

  it("holds exactly when score >= threshold", () => {
    const { score } = detectPitch(text);
    expect(detectPitch(text, score).held).toBe(true);
    expect(detectPitch(text, score + 0.01).held).toBe(false);
    expect(detectPitch(text, Number.POSITIVE_INFINITY).held).toBe(false);
  });

  it("changes held but not the score or the reasons", () => {
    const low = detectPitch(text, 0.1);
    const high = detectPitch(text, 99);
    expect(low.score).toBe(high.score);
    expect(low.reasons).toEqual(high.reasons);
  });
});

describe("explanations", () => {
  it("gives every reason on every corpus post a label and a short excerpt taken from the post", () => {
    for (const { id, body } of corpus) {
      for (const reason of detectPitch(body).reasons) {
        expect(reason.label.length, id).toBeGreaterThan(10);
        expect(reason.excerpt.length, id).toBeGreaterThan(0);
        expect(reason.excerpt.length, id).toBeLessThanOrEqual(MAX_EXCERPT_LENGTH);
        expect(body, id).toContain(reason.excerpt);
      }
    }
  });

  it("sorts reasons by weight, pitch signals first", () => {
    for (const { id, body } of corpus) {
      const weights = detectPitch(body).reasons.map((r) => r.weight);
      expect(weights, id).toEqual([...weights].sort((a, b) => b - a));
    }
  });

  it("keeps excerpts short on long posts", () => {
    const long = `${"We discussed measurement at length. ".repeat(40)}Email me at a.person@example-agency.com for our rate card? ${"More words here. ".repeat(40)}`;
    const verdict = detectPitch(long);
    expect(verdict.held).toBe(true);
    for (const reason of verdict.reasons) {
      expect(reason.excerpt.length).toBeLessThanOrEqual(MAX_EXCERPT_LENGTH);
      expect(long).toContain(reason.excerpt);
    }
  });

  it("lists nothing for a post with no signals", () => {
    expect(detectPitch("Thanks, everyone.")).toEqual({ score: 0, held: false, reasons: [] });
    expect(detectPitch("")).toEqual({ score: 0, held: false, reasons: [] });
    // discussion alone has nothing to offset, so it is not listed either
    expect(detectPitch("What do others pay for Sprinklr? We tried two tools last year.")).toEqual({ score: 0, held: false, reasons: [] });
  });
});

describe("speed", () => {
  it.each([
    ["letters", "a".repeat(20_000)],
    ["hyphenated", "a-".repeat(10_000)],
    ["digits", "1".repeat(20_000)],
    ["dots", "a.".repeat(10_000)],
    ["at signs", "a@".repeat(10_000)],
    ["url path", `x.com/${"a/".repeat(10_000)}`],
  ])("stays fast on a hostile 20,000-character post (%s)", (_name, text) => {
    const start = performance.now();
    detectPitch(text);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("labelled corpus (tests/fixtures/pitch-corpus.jsonl)", () => {
  it("is large, mixed and split into tune and holdout sets", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(160);
    expect(new Set(corpus.map((r) => r.id)).size).toBe(corpus.length);
    const pitchShare = corpus.filter((r) => r.label === "pitch").length / corpus.length;
    expect(pitchShare).toBeGreaterThan(0.33);
    expect(pitchShare).toBeLessThan(0.55);
    for (const label of ["pitch", "ok"] as const) {
      const rows = corpus.filter((r) => r.label === label);
      const holdoutCount = rows.filter((r) => r.set === "holdout").length;
      // The tune set grew whenever the detector saturated on it; the holdout set has not changed. It must stay
      // large enough to measure (one post is under 2% of either label) and a minority of the corpus.
      expect(holdoutCount).toBeGreaterThanOrEqual(50);
      expect(holdoutCount / rows.length).toBeLessThan(0.35);
      for (const authorType of ["executive", "consultant"] as const) {
        expect(rows.some((r) => r.authorType === authorType)).toBe(true);
      }
    }
  });

  // The targets from the brief, measured on posts never used to tune the detector.
  const holdout = () => rates(corpus.filter((r) => r.set === "holdout"));

  it("holdout set: false-positive rate <= 5%", () => {
    expect(holdout().fpr).toBeLessThanOrEqual(0.05);
  });

  // The brief aims at 90% recall; last measured 90.6% (58 of 64, see `npm run pitch-eval -- --summary`).
  // This floor sits just under that figure, to catch regressions.
  it("holdout set: recall >= 90%", () => {
    expect(holdout().recall).toBeGreaterThanOrEqual(0.9);
  });
});
