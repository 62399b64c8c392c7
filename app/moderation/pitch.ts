// The council's pitch detector.
//
// The room tolerates no sales pitches, from anyone. This module reads a post and says
// whether it looks like a pitch, and WHY, in words a moderator can check against the
// post. It is pure (no I/O, no clock, no randomness) and deliberately has no author
// parameter: the same text gets the same verdict whether an executive, a consultant
// or a founder wrote it.
//
// How a verdict is reached
// ------------------------
// 1. Every PITCH signal in the policy table below is checked. A signal that fires adds
//    its weight once, however many of its phrases appear. A few signals name a context
//    (`onlyWith`): they fire only when the post also contains one of those phrases, e.g.
//    "happy to set you up" counts as a firm's offer only in a post that speaks of the
//    author's own firm or product.
// 2. If at least one pitch signal fired, every DISCUSSION signal (questions, first-hand
//    experience, lessons learned, asking peers, naming a vendor in passing) that fires
//    earns "discussion credit". A post with no pitch signal scores 0 and has no
//    reasons: there is nothing to weigh.
// 3. score = (sum of pitch weights) − (discussion credit, capped at MAX_DISCUSSION_CREDIT).
//    The cap means discussion can soften a single soft signal, but can never wash out
//    a strong combination such as contact details plus an offer.
// 4. held = score >= threshold. A held post waits for a moderator; nothing is deleted.
//
// About `reasons`: it lists every signal that fired (discussion signals only when a pitch
// signal fired too), with its label and the excerpt of the post that triggered it, so a
// moderator sees both sides of the scale. Pitch signals carry a positive weight and come
// first (heaviest first); discussion signals follow with a NEGATIVE weight. Discussion
// weights are shown at face value; in total at most MAX_DISCUSSION_CREDIT of them is
// subtracted from the score.
//
// What it cannot do: it recognises phrasings, not intent. A pitch worded in a way the
// table has never seen scores 0, which is why members can also flag posts.

import { blankQuoted } from "./quoted";

export type PitchReason = { signal: string; label: string; excerpt: string; weight: number };
export type PitchVerdict = { score: number; held: boolean; reasons: PitchReason[] };

/** A post is held for a moderator when its score reaches this value. */
export const DEFAULT_PITCH_THRESHOLD = 1.0;

/** The most that discussion signals together can subtract from a post's pitch weight. */
export const MAX_DISCUSSION_CREDIT = 0.6;

/** Longest excerpt shown to a moderator. */
export const MAX_EXCERPT_LENGTH = 80;

type Signal = {
  /** Stable key, safe to store and to count in reports. */
  signal: string;
  /** What the signal means, in one plain sentence. */
  label: string;
  /** Positive: pitch. Negative: discussion credit. */
  weight: number;
  /** The signal fires when any of these phrases appears (case is ignored). */
  phrases: RegExp[];
  /** If given, the signal fires only when one of these phrases ALSO appears somewhere in the post. */
  onlyWith?: RegExp[];
};

// =====================================================================================
// THE POLICY
//
// Reading tip for the phrases: \b is a word boundary, (?:a|b) means "a or b", a "?"
// after something makes it optional, and (?! …) means "not followed by …".
// Every repetition is bounded ({1,20} and the like) so that checking stays fast on any
// input, however long or strange.
// =====================================================================================

const PITCH_SIGNALS: Signal[] = [
  {
    signal: "scheduling_link",
    label: "Links to a booking calendar or says the author's calendar is open",
    weight: 1.5,
    phrases: [
      /\b(?:calendly\.com|cal\.com|savvycal\.com|chilipiper\.com|meetings\.hubspot\.com|hubspot\.com\/meetings|zcal\.co|tidycal\.com|youcanbook\.me|acuityscheduling\.com)\b/,
      /\bmy calendar (?:is open|link)\b|\bbook (?:a )?time on my calendar\b/,
    ],
  },
  {
    signal: "contact_details",
    label: "Shares an email address or phone number for readers to contact",
    weight: 1.2,
    phrases: [
      // an email address
      /\b[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,24}\b/,
      // a phone number such as +1 (415) 555-0192, 212-555-0143, +44 20 7946 0958
      /(?:\+\d{1,3}[\s.-]?)?\(?\b\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{4}\b/,
    ],
  },
  {
    signal: "offer",
    label: "Makes an offer: a discount, free trial, free session or special deal",
    weight: 1.2,
    phrases: [
      /\b\d{1,2}\s?% off\b|\b\d{1,2}\s?% below list\b|\bbelow list price\b|\b(?:use|with|enter|apply|quote) (?:the |my |our )?(?:discount |promo |coupon )?code\b|\b(?:discount|promo|coupon) code:? (?=[a-z]{0,15}\d)[a-z0-9]{3,20}\b|\bwith (?:the )?code [a-z0-9]{3,20}\b/,
      /\bmention (?:the council|my name)\b|\btell them i sent you\b|\btake care of you on price\b/,
      /\bcouncil (?:discount|rate|pricing|special)\b|\bcouncil members (?:get|receive)\b|\bgiving council members\b|\boffer for (?:council )?members\b/,
      /\b(?:free|complimentary) (?:for|to) (?:council )?members\b|(?<!\b(?:was|were) )\bfree for the first\b|\bsubscribers get\b|\bearly adopters get\b/,
      /\b(?:special|exclusive) (?:rate|price|offer|deal|discount|package|bundle)\b|\btailored package\b|\bhalf price\b|\bat cost\b/,
      /\b(?:no charge|no cost|no-cost|complimentary|no[- ]obligation)\b|\b(?:at a )?(?:reduced|discounted|preferred) rate for\b|\b(?:group )?discounts are available\b|\bbest price of the year\b|\bearly[- ]bird pricing\b/,
      // free trial, free 60-day pilot, free advisory hours, free download…
      // (but not an offer someone else made: "an agency offering a free audit", "they offered us a free pilot")
      /(?<!\b(?:offering|offered|offers|pitched|promised|with) (?:us |me )?(?:a |an )?)\bfree (?:\d{1,3}-(?:day|minute) |[\w-]{1,15} ){0,3}(?:trial|pilot|consultation|assessment|audit|check|health check|strategy sessions?|sessions?|review|template|kit|guide|download|access|hours?|snapshot|copy|copies|licen[cs]es?|report|benchmark|workshop|roadmap|planning session)\b/,
      /\b(?:confidential|free) consultation\b|\b(?:download it|get it|try it|run it on your data) (?:for )?free\b|\b(?:one|two|three|\d{1,2}) months? free\b/,
      /\bfirst \d{1,3} (?:council )?(?:members|people|companies|teams) to\b|\bfirst [\d,]{1,9} [\w-]{1,15} (?:are|is) (?:free|on us)\b/,
      /\b(?:first|initial) (?:month|session|audit|workshop|consultation|conversation|call|meeting|hour|chapter|module|lesson|week) is (?:always |on us|on the house|free)/,
      /\bfor the price of (?:one|two|\d)\b|\b(?:sandbox|trial|demo) accounts?\b|\bthe terms are (?:very )?generous\b|\bhappy to offer (?:a|an|you|anyone)\b/,
      // giveaways and "it costs you nothing": "25 signed copies to give away", "on us", "at our expense", "no strings"
      /\b(?:to give away|giving away|give away (?:\d|a|free|copies|licen[cs]es|seats))\b|\b(?:is|are|it'?s) on us\b|, on us\b|\bat our (?:own )?expense\b|\b(?:costs?|charge) (?:you )?nothing\b|\bwithout (?:paying|a subscription|charge)\b/,
      // risk reversal: "results in 90 days or you don't pay", "yours to keep even if you don't hire us"
      /\bor you don'?t pay\b|\bor we (?:keep working|work) for free\b|\bat zero cost\b|\b(?:reduced|discounted|preferential) (?:fees?|prices?)\b|\bfree of charge\b|\bhalf (?:the )?list price\b|\bmoney[- ]back\b|\byours to keep\b|\byou keep the (?:report|findings|results|deck|playbook)\b|\beven if you don'?t (?:hire|buy|sign|work with|choose)\b/,
      /\b(?:early|founding|first) (?:registrants|clients|customers|members|users|partners|subscribers|sign-?ups|buyers|brands) (?:get|receive|pay|save)\b|\b(?:pilots?|trials?|access|the pilot|the trial) (?:is|are) free\b|\bfree to (?:attend|join|download|try)\b|\bfree for (?:\d{1,3}|thirty|sixty|ninety) days\b|\bno (?:credit )?card (?:needed|required)\b|(?<!\b(?:agreed to|got|gave us|offered us|negotiated|secured) (?:a |an )?)\b\d{1,2}\s?% (?:reduction|discount)\b|\b(?:council members|members|registrants|attendees) (?:save|get) \d{1,2}\s?%/,
      // special terms for readers: "lifetime pricing", "a speaker discount", "extending the pilot terms to anyone here"
      /\b(?:lifetime|founder|startup|speaker|insider|friends and family|member) (?:pricing|price|discount|rate)\b|\b(?:design partners|early sign-?ups|founding members|participants) get\b|\bextend(?:ing)? (?:the |our |their |these |those )?(?:[\w-]{1,15} )?(?:terms|pricing|rate|offer|discount)\b/,
      // terms for readers in other words: "on the house", "no fee during the pilot", "preferential terms", "a fraction of the usual fee"
      /\btell them you'?re (?:from|with|in) (?:the|this) (?:council|group|forum)\b|\bthey'?ll look after you\b|\bon the house\b|(?<!\b(?:we|i|us) )\bpay nothing\b|\bno (?:fee|charge|cost|licen[cs]e fee)s? (?:during|for) the (?:pilot|trial|beta|first)\b|\bpreferential (?:terms|pricing|rates?)\b|\bfor a fraction of the (?:usual |normal |list )?(?:fee|price|cost|rate)\b|\b(?:give|offer|get) (?:you |anyone(?: from here| here)? |members (?:here )?|council members )?a discount\b/,
      /\bthe first (?:issue|edition|report|seat|month|session) is (?:free|on us|on the house)\b/,
      // referral deals and discount codes for readers (not one the author was offered)
      /(?<!\b(?:offered|offering|offers|promised) (?:me |us )?(?:a |an )?)\breferral (?:fee|bonus|commission|reward)s?\b|\baffiliate (?:programme|program|commission|link)\b|\bfinder'?s fee\b|(?<!\b(?:offered|gave|sent|emailed) (?:us|me) |\bgot )\b(?:a|our|my) (?:discount|promo|coupon) code\b|\bfree to subscribe\b/,
      /\bfree resources (?:on|at|in) (?:our|my)\b/,
      /\b(?:free|discounted|heavily discounted|half price) for (?:nonprofits|charities|startups|enterprises)\b|\bmention this (?:thread|post)\b|\btrial (?:licen[cs]e|login|key)s?\b/,
      /(?<!\b(?:offered us|gave us|got|had|with) )\ba free (?:month|week|quarter|year)\b/,
    ],
  },
  {
    signal: "call_to_action",
    label: "Asks readers to book a call, demo or meeting with the author",
    weight: 1.0,
    phrases: [
      // "book a call", "schedule a 20-minute demo" — but not "book a call with your legal team"
      /\b(?:book|books|schedule|request|grab|set up|arrange) (?:a |an |your |some )?(?:quick |free |short |\d{1,3}[- ]minute |\d{1,3} minutes? )?(?:call|demo|meeting|chat|session|consultation|time|slot|intro call|intro|walkthrough|discovery session)\b(?! with (?:your|the|their|a|an|our)\b)/,
      /\blet'?s (?:hop on|jump on|get on|set up|schedule|book|find|grab) (?:a |some )?(?:quick )?(?:call|time|chat|\d{1,3} minutes)\b|\b(?:hop|jump) on a (?:quick )?call\b/,
      // "let's connect", "let's talk" — but not "let's connect the dots" or "let's talk about…"
      /\blet'?s connect\b(?! (?:the|these|those|this) )|\blet'?s (?:talk|chat)\b(?! (?:about|through|more about) )|\bwe should (?:talk|connect|chat)\b/,
      /\bgrab \d{1,3} minutes\b|\bwhen you have \d{1,3} minutes\b|\b(?:buy|grab) (?:you |anyone )?(?:a )?coffee\b|\banyone who wants to (?:talk|chat|meet|discuss)\b/,
      /\b(?:want|like|need) a (?:quick )?(?:demo|trial|walkthrough)\b|\bhappy to show you a demo\b|\bgive (?:you|anyone(?: here)?) a (?:demo|walkthrough|tour)\b/,
      /\brequest (?:access|a trial|an invite|a login)\b|\banyone interested in (?:a pilot|a trial|a demo|our)\b|\b(?:i'?d|we'?d|would) welcome (?:an introduction|the chance)\b/,
      /\b(?:i can|i'll|i will|happy to|and i can|and can|i could|glad to|we can|we'll) (?:walk|take) (?:you|anyone|your (?:[\w-]{1,15} )?(?:team|partner|lead|leadership|board|cfo|people))(?: [\w-]{1,15})? through (?:our|my|it|how|this|them)\b|\bfor a (?:tour|demo)\b|\bin a (?:quick |short )?demo\b|\bask me how\b|\bmy booking page\b|\bthrough (?:it|this|them|that) on a (?:quick |short )?call\b|\bshow you (?:what|how) (?:we'?ve|we have|we) (?:built|made|created|do)\b/,
      /\blet'?s (?:talk|chat) about (?:doing|how we|what we|working)\b/,
    ],
  },
  {
    signal: "direct_message",
    label: "Invites readers to message, email or call the author privately",
    weight: 1.0,
    phrases: [
      // "email me at…" invites contact; "email me the agenda" only asks for something, so it does not count.
      /\b(?:dm|pm|message|email|e-mail|ping|call|text) me\b(?! (?:the|their|your|a copy of your|it)\b)|\bmessages me\b/,
      /\b(?:drop|shoot|send) me (?:a |an )?(?:dm|line|note|message|email)\b|\breach me (?:at|on|via)\b|\b(?:talk|speak) to (?:me|us)\b(?! about (?:it|this) at\b)/,
      // "feel free to reach out", "reach out for details" — but not "reaching out to the group"
      /\b(?:feel free to|just|please|don't hesitate to) reach out\b|\breach out (?:to me|for [\w-]{1,20}|if you)\b|\breach out[.!]/,
      /\bmy (?:inbox|dms?) (?:is |are )?(?:always )?open\b|\breach (?:her|him|them) at\b|\bpm me for\b/,
      /\bcontact (?:us|me|our team) (?:at|on|via|for)\b|\bcontact our team\b|\b(?:leave|drop) your (?:work )?email\b|\bwith your email\b|\bsend me your (?:work |business )?(?:email|details|number|contact)\b/,
      /\bask me for (?:an invite|details|access|pricing|a demo|the deck)\b|\blet me know and i'?ll (?:connect|intro|send|set|share)\b|\blet me know if you want (?:a login|access|a demo|a trial)\b/,
      // "I'll reach out" — but not "I'll reach out to the moderators"
      /\bi'?ll (?:reach out|get in touch|follow up with you|contact you)\b(?! (?:to|with) (?:the|our|my)\b)/,
      /\b(?:email|details|contact details|contact info|number|link) (?:is |are )?(?:in|on) (?:my )?(?:profile|bio)\b/,
      /\byou (?:all )?know (?:where to find|how to reach|how to find) (?:me|us)\b|\bask me about (?:it|this|that|pricing|our|my)\b/,
      // private channels in other words: "inbox me", "my messages are open", "give me a shout", "send me a connection request"
      /\binbox me\b|\b(?:slide|drop|come) into my (?:inbox|dms?)\b|\bmy (?:messages|direct messages|door|line) (?:is |are )?(?:always |wide )?open\b|\bdms (?:are|is) (?:always )?open\b|\b(?:send|drop|shoot) me a (?:private|direct|quick|short) (?:message|note|line|dm)\b|\bsend me a connection request\b|\bconnect with me (?:on|here|via)\b|\bgive me a (?:shout|ring|buzz|call|bell)\b|\beasy (?:person )?to (?:find|reach)\b/,
      /\bask me for (?:an? |the |my |our )?(?:[\w-]{1,15} )?(?:login|trial|key|link|copy|overview|rates|brochure|access|invite|pricing)\b/,
      /\b(?:i'?ll|i can|i will|we'?ll|happy to|let me) (?:dm|pm|inbox) you\b/,
      /\byou know where i am\b|\b(?:talk|speak|chat) (?:to|with) my (?:team|colleague|business partner|co-?founder|partner at)\b/,
      /\bask me anything\b/,
      /\b(?:find|get) (?:our|my) (?:details|contact details|contact info|number|email)\b/,
      /\bcontact our (?:[\w-]{1,15} )?team\b/,
      /\b(?:my|our) (?:contact )?details are (?:in|on)\b/,
    ],
  },
  {
    signal: "sign_up",
    label: "Asks readers to sign up, register, subscribe, join or download",
    weight: 1.0,
    phrases: [
      /\b(?:sign up|register|subscribe|enroll)(?: here| now| at| today| for (?:our|my|the|free|a|an))\b|\bjoin the waitlist\b|\brequest to join\b/,
      /\bjoin our (?:private |free |new )?(?:group|community|network|newsletter|list|waitlist|cohort|webinar|masterclass)\b/,
      /\b(?:check it out|grab it|download it|get it|see pricing|learn more) (?:at|here)\b|\bget started (?:at|here|today)\b|\bget your (?:copy|seat|spot|ticket)\b/,
      // buying: "get it at", "order your copy", "pre-order"
      /\b(?:get|buy|order|grab) (?:it|yours|a copy|your copy) (?:at|on|from|here|now)\b|\bpre-?orders?\b/,
      /\bcheck out our\b|\btry (?:our|my) [\w -]{1,30} (?:at|here)\b|\bvisit (?:our (?:website|site|page)|[a-z0-9-]{1,63}\.[a-z]{2,24})\b/,
      /\b(?:details|more|info|information) (?:at|on) [a-z0-9-]{1,63}\.[a-z]{2,24}\b|\bbehind a (?:short )?form\b|\bdates available\b/,
      /\b(?:sign up|subscribe|register|download it|grab it|find it) (?:on|from|at|via) (?:my|our) (?:website|site|page|blog|substack)\b|\b(?:registration|sign-?up|booking|ticket) link\b|\bsubscribing takes\b/,
      /\bwant in\?|\bthe sign-?up (?:is|takes)\b|\bavailable (?:to|for) (?:download|order|purchase)\b|\bsubscribe if\b|\b(?:find (?:us|me|them)|we'?re|they'?re) at [a-z0-9-]{1,63}\.(?:com|co|io|ai|agency|consulting|net|org)\b|\b(?:grab|claim|reserve|secure) your (?:free )?(?:copy|seat|spot|ticket|place)\b|\blink (?:below|in the comments)\b|\b(?:is |it'?s )?on sale (?:now|today)\b|\bregistrants\b|\btune in\b|\b(?:leave|write) (?:a|us a|me a) review\b|\brate and review\b|\bby (?:replying|commenting|messaging me|emailing me)\b|\bget early access\b|\bgive it a listen\b|\b(?:find|listen to) it on (?:spotify|apple|youtube)\b|\band subscribe\b|\btake (?:the|our) (?:[\w-]{1,15} ){0,2}(?:assessment|quiz|diagnostic|survey)\b/,
      // "comment below and I'll send you a copy", "drop your email and I'll add you", "comment to claim one"
      /\b(?:comment|reply|drop (?:a comment|your email)|leave (?:a comment|your email))(?: below| here)?(?: with [\w -]{1,20})? and (?:i'?ll|we'?ll) (?:send|add|share|dm|email|pass|get|set)\b|\bcomment (?:below )?to (?:claim|get|receive)\b|\bjust comment\b/,
      // "save you a seat", "be on the early list", "add yourself to the list", "subscribe from my profile", "Comment 'ROI' and I'll share it"
      /\bsave (?:you|anyone|a few of you|members) a (?:seat|spot|place)\b|\b(?:be|get|put you) on the (?:early|wait|waiting|priority|launch|beta|interest|vip|preview)[- ]?list\b|\badd(?:ing)? (?:yourself|you|your name) to the (?:list|mailing list|waitlist)\b|\b(?:subscribe|sign up|register|enrol|enroll) (?:from|via|on|through) my\b|\b(?:enrol?ment|registration|booking|sign-?up) (?:details|info|link|form)s? (?:is |are )?(?:on|in|at|via)\b|\bbooking form\b/,
      /\b(?:comment|reply|type|write|drop)(?: below| here)? ["'\u201c\u2018][\w -]{1,20}["'\u201d\u2019](?: below| here)? and (?:i'?ll|we'?ll)\b/,
      /\b(?:there'?s )?(?:plenty )?more where (?:that|this|it) came from\b/,
      /\bwherever (?:books|podcasts) are (?:sold|found)\b|\bavailable (?:now )?(?:in|at|from) (?:all good )?(?:bookshops|bookstores)\b|\b(?:live|available) (?:in|on) the (?:chrome|app|play) store\b|\b(?:enter|give|submit) your (?:work |business )?email\b|\bdownload (?:page|link)\b|\b(?:landing|registration) page\b|\b(?:grab|download|request|claim) (?:our|my) (?:free )?(?:[\w-]{1,15} )?(?:checklist|guide|template|toolkit|playbook|report|whitepaper|e-?book|calendar|scorecard|workbook)\b|\b(?:i'?ll|we'?ll|i can|happy to|glad to) add you(?:r name)? to\b|\b(?:anyone|everyone|whoever) (?:who )?(?:replies|comments|responds|signs up)\b[^.!?\n]{0,30}\b(?:gets?|receives?|will (?:get|receive))\b/,
      // a perk for readers who take part: "companies that contribute data get the full report"
      /\b(?:companies|brands|teams|members|those|anyone|people|heads of [\w-]{1,15}|executives) (?:that|who) (?:contribute|participate|take part|complete|join|sign up|register|submit|fill (?:in|out))\b[^.!?\n]{0,40}\b(?:get|gets|receive|receives|gain)\b/,
      /\bregister (?:your )?interest\b|\bthe form on my\b/,
      /\bask your account (?:manager|rep|representative) about\b|\bsubscribe (?:for|to (?:my|our|the channel))\b/,
      /\bdrop a comment if\b|\bcomment (?:below )?if you'?d like\b/,
    ],
  },
  {
    signal: "sales_link",
    label: "Links to a sales or landing page (tracking tags, pricing, demo or sign-up pages)",
    weight: 1.0,
    phrases: [
      /[?&](?:utm_[a-z]{1,20}|ref|aff|affiliate|promo)=/,
      /\b[a-z0-9-]{1,63}\.[a-z]{2,24}(?:\.[a-z]{2,24})?\/(?:[\w-]{1,60}\/){0,4}(?:pricing|plans|demo|sign-?up|free-?trial|trial|register|subscribe|download|early-access|waitlist|webinar|services|credentials|book|get-started|start|contact-sales|offer|assess|quote|enterprise|hire)\b/,
    ],
  },
  {
    signal: "price_list",
    label: "Quotes the author's own prices, fees or rate card",
    weight: 1.0,
    phrases: [
      /\b(?:our|my) rate card\b|\brate card (?:is )?(?:attached|on request)\b|\b(?:our|my|her|his) (?:standard |typical |base )?(?:retainer|fees?|rates?|pricing|prices?|packages?) (?:starts?|is|are|begins?|from|costs?)\b|\b(?:our|my) (?:standard |typical )?engagement (?:is|costs?|starts? at) \$\d/,
      /\b(?:our|my) (?:pricing|price list|rate sheet|pricing sheet|pricing deck)\b|\b(?:get|send|give) you a (?:quote|proposal)\b|\bhappy to quote\b|\b(?:rates|pricing|prices) (?:on|upon) request\b|\bhalf the (?:price|cost) of\b/,
      /\b(?:starts? at|starting at|for a flat|flat fee of|instead of) \$\d/,
      // the author's own charging model: "we only charge a share of the savings"
      /\b(?:we|i|and) (?:only |just )?(?:charge|bill)\b(?! (?:back|it back|internally|the business units))/,
      /\bfor a (?:small |modest |flat |reasonable |fixed )?fee\b|\bours costs?\b|\bwe (?:price|quote|bill) (?:per|by|on)\b|\bpricing depends on\b|\bpricing is per [\w-]{1,15},? not per\b|\b(?:it'?s|it is|priced at|yours for) \$[\d,.]{1,9}k? for (?:unlimited|the (?:full|whole|complete)|your (?:whole |entire )?(?:team|company|organi[sz]ation))\b|\b(?:it|the (?:full )?report)'?s? (?:is )?paid, but\b/,
      // the price of the author's package: "a tailored package for council members at $3,000"
      /\b(?:package|bundle|course|workshop|sprint|retainer|assessment|masterclass|bootcamp|programme)s? (?:[\w-]{1,20} ){0,4}(?:at|for|is|costs?) (?:just |only )?\$\d/,
      /\b(?:i'?ll|(?:happy|glad) to|and i'?ll) (?:share|send) (?:you )?(?:the |our |my )?(?:pricing|prices|rate card|rates)\b/,
      /\b(?:we|i)(?:'ll| will| can| could| would)? (?:happily |gladly )?quote you\b|\b(?:with|and|plus|along with|including) (?:our|my) (?:rates|fees|pricing|prices|rate card|day rate)\b/,
      /\b(?:we'?ll|i'?ll|we can|i can|happy to|glad to) (?:scope|quote|price|cost) (?:it|this|that|one|yours|the work)\b|\b(?:happy|glad) to (?:share|discuss) (?:our )?terms\b/,
      /\b(?:we|i|our team|my team)(?:'d| would| will|'ll| can| could)?(?: be (?:happy|glad|delighted) to)? (?:put together|prepare|draft) (?:a|our) (?:proposal|quote|statement of work)\b/,
    ],
  },
  {
    signal: "self_promotion",
    label: "Presents the author's own firm, product or service as the answer",
    weight: 1.0,
    phrases: [
      // "our platform solves…", "our AI moderation tool cuts…" — but not "our tool saves us time"
      /\bour (?:[\w-]{1,20} ){0,2}(?:platform|solution|tool|product|app|software|service|model|methodology|program|programme|marketplace|consultancy|agency|firm|dashboards?|report|engine|analytics|suite|system|assistant|index|creators|analysts|assessment|self-assessment|diagnostic|framework) (?:solves|fixes|automates|handles|does exactly|does (?:it|this|that|all)|outperforms?|is built|is designed|plugs? into|helps (?:you|teams|brands|companies)|has (?:proven|trained|helped)|(?:cuts|reduces|halves|doubles|triples|boosts|eliminates|delivers|saves)\b(?! us\b)|(?:will|can) (?:tell|show|give|help) you\b|(?:tells|shows) you\b)/,
      /\bour (?:[\w-]{1,20} )?(?:platform|solution|tool|product|app|software|service) (?:was |is )?(?:built|designed|made) to (?:solve|fix|handle)\b/,
      // "we offer…" — but not "we offer our employees a course" or "we offer our social team a budget",
      // which describe the author's company
      /\bwe (?:now )?offer\b(?! (?:our |all |every |each )?(?:[\w-]{1,20} )?(?:employees|staff|people|new hires|customers|members|interns|managers|team|teams|agents|reps|colleagues)\b)|\b(?:we(?:'re| are)|i(?:'m| am)) (?:now )?offering\b|\bwe provide\b/,
      /\bthat'?s what (?:we do|my firm|my agency|our firm|our agency|i do)\b|\bwhat i do for a living\b|\bthat'?s (?:our|my) (?:specialty|speciality|sweet spot|bread and butter)\b/,
      /\bat my (?:agency|firm|consultancy|company) we\b|\b(?:my|our) (?:firm|agency|consultancy|practice|side business|startup) (?:helps|provides|offers|is|specializes|specialises|has|publishes|runs|sells|builds|would)\b/,
      /\bwe help (?:[\w-]{1,15} )?(?:clients|brands|companies|enterprises|organizations|organisations|teams|executives|fortune \d{2,3})\b|\bwe speciali[sz]e in\b|\bwe partner with (?:brands|companies|teams|organi[sz]ations)\b/,
      /\b(?:we(?:'re| are)|i(?:'m| am)|my team is|my company is) selling\b|\bwe resell\b|\bhiring out (?:our|my)\b|\bi teach a\b/,
      // "we built a tool that…" — but not "we built a tool internally"
      /\bwe(?:'ve| have)? (?:built|created|developed|launched|packaged) (?:a|an|the|our) (?:[\w-]{1,20} ){0,2}(?:tool|platform|product|app|solution|course|index|framework|program|sprint|offering)\b(?! (?:internally|in-house|for ourselves|for our (?:own|team|employees|staff)))/,
      /\b(?:clients|companies|brands|teams) (?:bring|hire|call) (?:us|me) in\b|\bwe(?:'re| are) the (?:agency|firm|team|consultancy|people) behind\b|\bi work with (?:cmos|executives|brands|companies|leaders|teams) on exactly\b/,
      /\bour [^.]{0,40}\b(?:covers|addresses|answers|solves|does) exactly (?:this|that|these|what)\b|\b(?:exact|precise) (?:use case|problem|challenge) (?:we|our)\b/,
      /\b(?:exactly|precisely|literally) (?:the problem|what|why) (?:we|our) (?:[\w-]{1,20} ){0,2}(?:(?:were|was|are|is) )?(?:built|designed|created|solves?|do|does|exist)\b/,
      // "that gap is the whole reason Tidewater exists", "the problem we exist to solve"
      /\bthe (?:whole|entire|very|only) reason (?:[\w-]{1,20} ){1,2}exists\b|\bwe exist to\b|\bwhy we created the\b/,
      // selling what the author built: "now licensing it to other companies", "available commercially"
      /\b(?:licen[sc]ing|licen[sc]e|selling|sell|teach|run) (?:it |them |the method |this )?(?:to|for) other (?:companies|brands|enterprises|organi[sz]ations|teams)\b|\bother (?:companies|brands|enterprises|organi[sz]ations|teams) can (?:license|licence|buy)\b|\bavailable (?:as a licen[cs]e|commercially|to other (?:companies|brands|enterprises|organi[sz]ations|teams))\b|\b(?:my|our) company now sells\b|\bspun (?:it|the [\w-]{1,20}) (?:out|into)\b/,
      /\b(?:chance|opportunity) to (?:pitch|bid|compete for)\b|\bsend (?:me|us) (?:the|your) (?:rfp|brief)\b|\binclude (?:us|my firm|my agency|our agency|our firm) in\b/,
      /\bwould love to be considered\b|\bwe'?d love to be considered\b|\bwe(?:'re| are) (?:the|a) (?:partner|agency|firm|consultancy|platform) (?:of choice|for)\b/,
      // selling capacity: "taking on new clients", "booking engagements for Q2", "capacity for one more client"
      /\b(?:taking on|accepting|looking for) (?:[\w-]{1,10} ){0,2}new (?:[\w-]{1,10} )?clients\b|\b(?:currently |now )?booking (?:engagements|clients|projects|new work)\b/,
      /\bcapacity for (?:one|two|\d{1,2}) (?:more )?(?:new )?(?:[\w-]{1,12} )?(?:clients?|engagements?|projects?)\b|\bmake myself available\b|\bavailable for (?:a )?(?:short |small )?(?:projects?|engagements?)\b/,
      /\blooking for (?:[\w-]{1,12} ){0,2}(?:design partners|beta (?:customers|testers|users)|pilot (?:customers|partners)|paying beta customers)\b/,
      /\b(?:we(?:'ve| have)? (?:just )?opened|we have) (?:a few |some |\d{1,3} )?(?:pilot|beta|client|design partner) (?:slots|spots|seats|places)\b/,
      // capability claims: "we're the only agency with…", "nobody else in the market…", "we publish the only…"
      /\b(?:we(?:'re| are)|i(?:'m| am)|we (?:publish|offer|run|have|built)) the only\b|\bnobody else (?:in the market|does|offers|combines|can)\b|\bno (?:other|one else) (?:agency|firm|vendor|platform|consultancy) (?:can|does|offers)\b/,
      /\bwe(?:'re| are) the (?:people|team|firm|agency|ones) to call\b|\bshould be your first call\b|\bwhat we do best\b|\bour home ground\b|\bput us on (?:the|your) (?:rfp|shortlist|list)\b/,
      // social proof from this room: "we work with most of the companies in this group", "two companies from this group have been through it"
      /\b(?:work(?:ing|ed)? with|help(?:ing|ed)?|clients include|participants include|customers include)[^.!?\n]{0,40}\b(?:in|from|of) this (?:group|council|community)\b|\b(?:companies|teams|brands|members) (?:in|from) this (?:group|council) (?:have|has) (?:already )?(?:been through|used|joined|signed|bought|hired)\b/,
      // fractional and interim work: "I'm available for fractional roles", "moving into fractional work", "between mandates"
      /\b(?:available for|taking(?: on)?|accepting|moving into|now doing|open to) (?:[\w-]{1,15} )?(?:fractional|interim|freelance)\b|\bbetween (?:mandates|engagements|contracts|assignments)\b|\bi can (?:start|step in)(?: [\w-]{1,15})? (?:in|within|next|from|quickly|immediately|straight away)\b/,
      /\b(?:taking on|looking for|adding|room for) (?:one|two|three|a few|a couple of|\d{1,2}) (?:more |new )?(?:[\w-]{1,15} )?clients?\b/,
      /\bwe place (?:[\w-]{1,15} ){0,2}(?:talent|candidates|leaders|executives|people)\b|\b(?:offer|offering|service|product|programme|program|advisory)(?: [\w-]{1,15}){0,2} for other (?:companies|brands|enterprises|organi[sz]ations|teams)\b|\bturned (?:those|these|our|it|them)(?: [\w-]{1,15}){0,3} into a (?:paid |commercial )?(?:[\w-]{1,15} )?(?:offer|offering|service|product|course|business|kit|toolkit|package)\b/,
      // "the use case our analytics were designed for", "the reason I started my consultancy", "the kind of gap I close for clients"
      /\b(?:use case|problem|scenario|situation) (?:our|we) (?:[\w-]{1,20} ){0,2}(?:(?:were|was|are|is) )?(?:designed|built|made|created) for\b|\breason i (?:started|founded|set up|built|launched) my (?:consultancy|firm|agency|company|practice|business|startup)\b|\b(?:fix|fixing|solve|solving|close|closing|fixes|solves|closes)(?: [\w-]{1,15}){0,2} for (?:clients|my clients|our clients|customers|(?:[\w-]{1,15} )?(?:brands|companies|enterprises))\b/,
      /\b(?:this|that|it)(?: [\w-]{1,15})?(?:'s| is| was) (?:exactly )?why (?:we|i) (?:wrote|built|created|started|founded|launched)\b|\b(?:is|are) what (?:my team|my firm|our team|we|i) (?:fix|fixes|solve|solves|do|does)\b|\bi run a (?:[\w-]{1,15} ){0,2}(?:agency|consultancy|firm|practice|studio)\b|\bwe (?:supply|deploy)\b|\b(?:the )?chance to (?:respond to your|work with you|earn your business)\b/,
      /\bmade (?:it|them) available (?:as|to|for|commercially)\b|\bavailable as a (?:subscription|licen[cs]e|service|paid)\b|\bwe(?:'ve| have)? (?:just )?(?:shipped|released|launched) (?:version|v)\s?\d|\byou'?ll want (?:us|me)\b|\bus on speed dial\b|\b(?:built|designed|created|made) (?:a|an|the|our) (?:[\w-]{1,15} ){0,2}for exactly (?:this|that)\b|\b(?:get|gain|benefit) a lot from (?:our|my)\b|\bwould benefit from (?:our|my)\b|\bthe role i (?:play|fill) for\b/,
      /\bour (?:[\w-]{1,20} ){0,2}(?:analysts|experts|consultants|agents|specialists|coaches) (?:can|will) (?:sit|join|work|embed|plug|run|take|handle|cover|support)\b/,
      /\b(?:platform|product|software|tool|service|app)s? (?:we|i) sell\b|\b(?:we|i)(?:'ve| have)? just (?:published|released|launched) (?:our|my)\b|\b(?:would|'d) (?:love|be honou?red|be delighted) to be considered\b/,
      /\bbuilt (?:our|my) (?:practice|firm|agency|business|company|consultancy) (?:around|on)\b|\b(?:it'?s|is) (?:now )?(?:sold|available) (?:through|via) (?:our|my)\b|\b(?:set up|started|opened|founded) (?:my|our) own (?:[\w-]{1,15} )?(?:practice|consultancy|firm|agency|business|studio)\b/,
      /\b(?:several|many|a few|some|\d{1,2}|two|three|four|five) (?:council )?members (?:here|of this council|in this group) (?:already )?(?:use|run|work with|have|are clients)\b|\b(?:council )?member compan(?:y|ies) as (?:a )?clients?\b/,
      /\bconsider (?:us|me|my firm|my agency|our agency|our firm|our team) for\b|\b(?:we|i)(?:'ve| have)? (?:developed|built|created) (?:a|our own) proprietary\b|\b(?:taking on|room for|capacity for) (?:one|two|three|a few|a couple of|\d{1,2}) (?:more |new )?(?:[\w-]{1,15} )?(?:engagements?|projects?|mandates?)\b|\bimmediate start\b/,
      /\bwe take over\b|\bi run workshops\b|\bi do these (?:reviews|audits|workshops)\b|\bwe run (?:certification|training) (?:courses|programs)\b/,
      /\bi(?:'m| am) (?:hosting|running) a (?:paid |free |private )?(?:workshop|webinar|masterclass|course|bootcamp|roundtable)\b|\bwe(?:'re| are)? (?:hosting|running|have) a (?:free |paid )?(?:webinar|workshop|masterclass)\b/,
      /\b(?:sponsored|brought to you) by (?:my|our) (?:firm|agency|company|consultancy)\b|\bwe(?:'re| are) sponsoring\b/,
      /\b(?:we|our team|my team) (?:just )?(?:wrapped|completed|delivered|finished) a (?:similar |[\w-]{1,15} ){0,2}(?:project|rollout|program|programme|engagement|relaunch|rebuild) for (?:a|an|one|two|three|\d)\b|\b(?:problems?|issues?) we solve for (?:clients|customers|companies)\b/,
      /\bmy (?:startup|consultancy|agency|practice) (?:automates|helps|solves|offers|does|runs|builds|sells)\b|\bonboarding our first (?:[\w-]{1,15} )?customers\b|\bour proprietary\b/,
      /\b(?:just )?launched (?:an independent|a new|my own|our own) (?:practice|consultancy|firm|agency|business|company)\b|\bwe(?:'ve| have)? (?:recently |just |now )?packaged (?:our|my)\b/,
      /\b(?:not selling anything|not a (?:sales )?pitch|not trying to sell)\b|\bthe go-to (?:partner|agency|firm|consultancy)\b/,
      // launches: "our new assessment is live", "my book is out today"
      /\b(?:my|our) (?:new )?(?:[\w-]{1,20} ){0,5}(?:book|report|course|guide|e-?book|whitepaper|podcast)(?: [\w-]{1,20}){0,5} is (?:now )?(?:out|live|available)\b|\b(?:my|our) new (?:[\w-]{1,20} ){1,4}is (?:out|live|now available)\b|\b(?:my|our) new (?:[\w,-]{1,20} ){1,6}(?:launches|opens|goes live|ships)\b/,
      /\b(?:launching|launched|released|spun it out as) (?:a |our |an )?(?:new )?(?:[\w-]{1,12} ){0,3}(?:product|service|report|platform|tool)\b|\bavailable (?:now )?on amazon\b/,
      // turning something built in-house into a product: "we've productised our app", "a subscription version", "the one we license to clients"
      /\bproducti[sz]ed\b|\b(?:started|begun|began|now) (?:selling|licen[sc]ing|reselling) (?:it|them|this|that)\b|\b(?:we|i)(?:'ve| have)? (?:launched|released|built|created|made) (?:a |an )?(?:subscription|paid|commercial|hosted|white-label|premium) (?:version|edition|tier|offering)\b|\b(?:now )?available to (?:partners|other (?:companies|brands|teams|organi[sz]ations)) as\b|\blicen[sc]e (?:it |them )?to (?:clients|customers|other [\w-]{1,15})\b/,
      /(?:^|[.!?]\s{0,3}|\b(?:i'?m|we'?re|we|i|we'?ve|i'?ve) )(?:been )?(?:building|built|made|designed|developed) (?:something|a thing|this|it|[\w-]{1,20}) for exactly (?:this|that)\b|\bwe (?:now )?(?:run|provide|offer|sell|do|handle|deliver|supply) [^.!?\n]{0,40}\bfor other (?:companies|brands|enterprises|organi[sz]ations|businesses|firms)\b/,
      /\b(?:the|a) (?:service|product) (?:i|we) (?:offer|provide|sell)\b|\bour (?:[\w-]{1,15} ){0,2}(?:publishes|offers|runs|has|is|provides|produces) the only\b|\b(?:re)?launch(?:ed|ing)? (?:an independent|a new|my own|our own|my|our) (?:[\w-]{1,15} )?(?:practice|consultancy|firm|agency|advisory business|business|company|academy)\b|\b(?:we(?:'re| are)|i(?:'m| am)) launching (?:a|an|our|my) (?:new )?(?:certification|course|programme|program|membership|community|academy)\b|\bwe partner with (?:[\w-]{1,15} ){1,2}(?:brands|companies|teams|organi[sz]ations|clients)\b/,
      /\bour (?:[\w-]{1,20} ){0,2}(?:platform|solution|tool|product|app|software|service|module) already (?:does|handles|solves|covers|fixes)\b|\bour (?:[\w-]{1,20} ){0,2}(?:platform|solution|tool|product|app|software|service|module) does what you\b|\b(?:we'?d|i'?d|we would) love to be (?:on (?:the|your) (?:list|shortlist)|in the mix|included|part of your)\b/,
      /\b(?:look at|see|check) what (?:we|i)(?:'ve| have) built\b|\b(?:might|may|should|could) (?:want to )?(?:look at|try|check out|consider) our\b|\boffering (?:our|my) (?:[\w-]{1,20} ){0,3}as a service\b|\bas a service to (?:other|smaller|partner)\b/,
      /\bi (?:now )?offer (?!(?:my|our|to|them|him|her|you my)\b)|\bour (?:[\w-]{1,20} ){0,2}(?:tool|platform|app|product|service|add-on|module|plugin|offering|solution) (?:is|are) worth (?:a look|a try|considering|exploring)\b|\bopened (?:a|an|our) (?:[\w-]{1,15} )?office to (?:support|serve)\b|\bwe(?:'ve| have)? (?:developed|created|built|designed) (?:a|an) (?:[\w-]{1,15} ){0,2}(?:workshop|masterclass|training|programme|program)\b(?! (?:internally|in-house|for our))/,
      /\b(?:this|it) is (?:our|my) (?:specialty|speciality|sweet spot|bread and butter|forte)\b|\b(?:i'?m|we'?re) your (?:person|people|team|partner|agency|firm)\b/,
    ],
  },
  {
    signal: "results_claim",
    label: "Claims results for the author's clients, to sell a service",
    weight: 0.6,
    phrases: [
      /\b(?:our|my) clients (?:typically |usually |routinely )?(?:see|get|saw|achieve|reach|hit|save|report|double)\b|\byours (?:can|could|will) too\b|\bacross (?:over |more than )?[\d,]{2,6}\+? (?:[\w-]{1,15} )?(?:companies|brands|clients|enterprises|organi[sz]ations)\b|\b(?:used|trusted|accepted|adopted|chosen|relied on) by (?:[\w-]{1,15} ){0,3}(?:at )?(?:several|many|dozens of|hundreds of|most|\d{1,4}) (?:of the )?(?:[\w-]{1,15} )?(?:fortune|enterprises|brands|companies|banks|teams|clients)|\b(?:i|we|our team|my team)(?:'ve| have| has) (?:run|delivered|led|done|completed|managed|launched) (?:over |more than )?\d{1,4}\+? (?:of )?(?:[\w-]{1,15} ){0,3}(?:migrations|launches|programs|programmes|rollouts|projects|engagements|campaigns|audits|workshops|simulations|sessions|these|such)\b|\bask any of (?:them|our clients|my clients)\b|\bcompanies that work with us\b|\b(?:brands|companies|teams|organi[sz]ations|businesses) (?:exactly |just )?like yours\b|\bfor every client\b/,
      /\b(?:at|with|for) (?:over |more than )?(?:a dozen|dozens|hundreds|\d{1,4}\+?) (?:of )?(?:our )?(?:clients|enterprises|brands|customers|companies)\b|\bused by (?:over |more than )?[\d,]{1,7}\+? (?:enterprises|companies|brands|teams|clients)\b|\b(?:routinely |typically )?save (?:our )?clients\b/,
      /\b(?:i|we)(?:'ve| have) (?:helped|trained|written|done this for|run this [\w-]{1,15} for) (?:over |more than )?(?:a dozen|dozens|hundreds|[\d,]{1,7}\+?|a lot of|lots of|many|countless)\b|\b(?:several|many|most|a few|dozens of) (?:of our )?clients (?:switched|moved|came|extended|renewed)\b|\b(?:has|have) trained [\d,]{1,7}\b/,
      /\bguaranteed\b|\bproven \d{1,3}x\b|\b100% (?:adoption|success|retention|satisfaction)\b|\btrack record\b/,
      /\b(?:we|i|and) (?:usually|typically|routinely|consistently|always) (?:find|see|save|get|deliver|cut|double)\b|\b(?:we|we'?re|we are) (?:currently )?(?:cover|serve|support|manage|covering|serving|supporting|managing) (?:over |more than )?[\d,]{1,6}\+? (?:[\w-]{1,15} )?(?:brands|clients|companies|enterprises|customers)\b|\bfor every (?:[\w-]{1,15} )?client\b|\b(?:we|i)(?:'ve| have) done (?:it|this|that) (?:many|countless|dozens of|hundreds of) times\b|\b(?:most|many|half|all|\w{1,10}) of (?:our|my)(?: last \w{1,10})? clients\b|\bmost (?:of (?:our|my) )?clients (?:cut|see|get|save|double|extend|renew|stay|come back|return)\b|\bclients in your (?:sector|industry|space|position)\b|\bfor (?:\d{1,2}|two|three|four|five|six|seven|eight|nine) of the (?:top|biggest|largest)\b/,
      // work done for other organisations: "we did exactly this for a European bank", "helping two global insurers", "teams that bring us in"
      /\b(?:we|i|my team|our team)(?:'ve| have| had)? (?:already |recently |just )?(?:helped|guided|solved|fixed|rebuilt|built|redesigned|restructured|ran|run|done|did|delivered|cleared|cut|set up|turned around|migrated)\b[^.!?\n]{0,50}\bfor (?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|\d{1,3}) (?:[\w-]{1,15} ){0,2}(?:clients?|brands?|banks?|retailers?|insurers?|airlines?|telcos?|utilit(?:y|ies)|compan(?:y|ies)|enterprises?|carmakers?|manufacturers?|charit(?:y|ies)|fortune \d{2,3}s?)\b/,
      /\bhelp(?:ed|ing)? (?:a|an|one|two|three|four|five|six|eight|ten|eleven|twelve|twenty|thirty|several|dozens of|\d{1,3}|a few|a handful of) (?:[\w-]{1,15} ){0,2}(?:insurers|banks?|brands?|clients?|retailers?|compan(?:y|ies)|airlines?|telcos?|enterprises?|utilities|carmakers?|manufacturers?)\b|\b(?:clients|customers|companies|brands|teams|executives|organi[sz]ations|leaders|people|everyone|those)(?: who(?:'ve| have)?| that(?:'ve| have)?) (?:worked with|hired|used|brought in|bring|hire|use|engaged|partnered with|work with) (?:us|me)\b/,
      /\bcase stud(?:y|ies) (?:on|in|from) (?:our|my)\b|\bcase[- ]study (?:library|collection|pack|series)\b|\b(?:our|my) (?:latest |new |full |recent |published )?case stud(?:y|ies)\b(?! template)|\bclients? in your (?:sector|industry|space|position|situation)\b/,
      /\b(?:members|companies|teams|brands) (?:here|in this group|from this council) (?:are )?(?:already )?(?:seeing|getting|saving|running|using)\b|\b(?:participants|subscribers|attendees|entrants|registrants) (?:receive|get|gain)\b/,
      /\b(?:running|ran|piloting|working|worked) (?:[\w-]{1,15} ){0,3}with (?:a|an|one|two|three|four|five|six|several|\d{1,3}) (?:[\w-]{1,15} )?(?:retailers|brands|banks|insurers|clients|companies|telcos|airlines)\b|\b(?:most|many|half|several) (?:of the )?(?:big |large |major |top )?(?:telcos|banks|brands|retailers|insurers|airlines|enterprises) use\b|\b(?:delivered|ran|presented) (?:[\w-]{1,15} ){0,3}(?:to|for|with) (?:a|an) (?:[\w-]{1,15} )?(?:bank|retailer|insurer|airline|telco|client|brand)'s\b|\b(?:delivered|done|run|implemented) (?:this|it|that) (?:two|three|four|five|six|\d{1,3}|many|several|dozens of) times\b/,
      /\b(?:clients|ceos|executives|brands|companies|leaders) (?:i|we) (?:work with|ghostwrite for|advise|coach|represent|write for)\b/,
      /\b(?:i'?ve|we'?ve|i have|we have) done (?:that|this|the) (?:role|job|work) (?:at|for) (?:\d{1,3}|two|three|four|five|six|several|many|a dozen)\b|\b(?:cleared|passed|survived) (?:[\w-]{1,15} )?(?:audits?|reviews?) at (?:\d{1,3}|two|three|four|five|six|several|many)\b|\bproven (?:with|at|across|by|for) (?:[\w-]{1,15} ){0,2}(?:brands|clients|companies|enterprises|banks|teams)\b|\bacross (?:our )?(?:customers|clients|deployments|accounts)\b/,
      /\b(?:a few|several|some|many|most) of you have (?:already )?(?:been through|used|worked with|joined|attended|taken)\b|\b(?:agency|partner|firm|consultancy) of record for (?:\d|two|three|four|five|several|many)\b|\b(?:helped|supported|worked with|advised) (?:brands|companies|clients|teams|organi[sz]ations|leaders) (?:like|such as|including)\b|\b(?:with|for) every (?:client|customer)\b|\ba (?:brand|company|team) like yours\b/,
      /\b(?:covers?|includes?|spans?) (?:over |more than )?[\d,]{2,6}\+? (?:[\w-]{1,15} )?(?:brands|companies|clients|enterprises|organi[sz]ations)\b|\b(?:we|i)(?:'ve| have)? (?:cracked|nailed|solved|sorted) (?:this|it|that) for (?:a|an|one|two|three|four|five|several|\d{1,3})\b|\b(?:teams|companies|brands|clients) (?:come|came|turn|turned) to (?:us|me)\b/,
    ],
  },
  {
    signal: "soft_offer",
    label: "Offers the author's own materials or help in a way that opens a sales conversation",
    weight: 0.5,
    phrases: [
      /\bhappy to (?:share|send|show|run|walk)(?: you| over| anyone)? (?:our|my) (?:framework|playbook|deck|scorecard|proposal|approach|methodology|model|calculator|template|toolkit|case stud)/,
      /\bhappy to (?:share|send) (?:over )?(?:case studies|a proposal|a copy)\b|\bi'?ll send (?:you )?(?:a|our|my|the) (?:deck|proposal|overview|brochure|one-pager|case stud)/,
      /\b(?:i'?d|we'?d) love to help\b|\bhappy to (?:connect|chat|talk)\b(?! (?:anyone|people|folks|them|members)\b)|\bhappy to help your team\b|\bmy door is open\b|\bi can connect you\b|\bjust ask\b|\bhappy to help any (?:council member|member|one of you|of you)\b|\b(?:i'?d|we'?d) love to include\b/,
      /\b(?:anyone|everyone) (?:who'?s|who is) interested\b|\bif you'?re (?:curious|interested)\b|\b(?:reply|comment) (?:here |below )?if (?:you're |you are )?interested\b/,
      /\b(?:set|get) you up with\b|\b(?:i'?ll|we'?ll|i can|we can) (?:set|get) you up\b|\bhow we'?d (?:approach|handle|do|solve) (?:it|this|that) for (?:you|your)\b/,
      // offering to work on the reader's own things: "happy to take a look at your contracts", "replicate that for you"
      /\b(?:i'?d|we'?d|would) be (?:glad|happy) to (?:do|run|review|audit|score|take a look at|look at)\b|\bhappy to (?:take a look at|look at|review|audit|score) your\b|\b(?:look|looks) over your\b|\b(?:run|use|apply) (?:our|my) (?:[\w-]{1,20} ){1,4}on your\b/,
      /\bhappy to (?:[\w-]{1,15} ){1,2}(?:that |this |it )?for you\b|\bscore your (?:organi[sz]ation|team|company|program)\b|\b(?:glad|happy) to (?:run your|pass (?:it|them) along|forward (?:it|them) to|add you)\b|\b(?:would|'d) love to (?:support|help|work with|partner with) (?:you|your)\b/,
      /\b(?:template|framework|playbook|toolkit|checklist) we use with (?:clients|customers)\b|\bif you need (?:help|an? (?:outside )?(?:partner|agency|consultant|expert|firm))\b/,
      /\b(?:happy|glad) to (?:give|send|share|show|walk)(?: you| anyone(?: here)?)?(?: a| an)? (?:walkthrough|tour|demo|overview) of (?:our|my)\b/,
      /\bif you want similar results\b|\bthe next cohort\b|\bour next (?:open )?(?:session|cohort|course|workshop|class)\b|\bour service overview\b/,
      /\b(?:would be|it'?d be) a (?:pleasure|privilege|delight) to (?:support|help|work with|partner with)\b/,
      /\b(?:happy|glad|keen) to (?:take a look at|look at|review|audit|score) (?:your|yours)\b|\b(?:with|to) anyone interested\b|\b(?:happy|glad|keen) to share how\b/,
    ],
  },
  {
    signal: "reader_need",
    label: "Addresses readers' needs as a prospect would be addressed ('if you need…', 'for anyone who wants…')",
    weight: 0.5,
    phrases: [
      /\bif (?:you|your team|your company|anyone)(?:'re| are|'d| would| is)? (?:want|wants|need|needs|like|looking|struggling|interested|serious|ready)\b/,
      /\bif (?:you(?:'re| are)|your team is) (?:re-?platforming|rebuilding|heading|hiring|unhappy|tired|drowning|staring|ready)\b|\bif you (?:run|lead|manage|own) (?:a|an|the|your)\b|\bwhen you(?:'re| are) ready to\b|\bwhat you need is\b|\byou need (?:a|an) (?:[\w-]{1,15} )?(?:partner|agency|consultant|firm|expert|adviser|advisor)\b|\bif you'?re still (?:on|using|doing|running)\b|\banyone in the market for\b|\bbefore you (?:sign|spend|renew|buy|commit)\b|\bif any (?:council )?members? (?:want|wants|need|needs|would like)\b/,
      /\bif your (?:cfo|ceo|board|boss|legal team|roi numbers|numbers|program|programme|team|tree|escalation tree)(?: [\w-]{1,15}){0,2} (?:keeps|is|are|has|have)\b|\bfor (?:those|anyone) (?:who(?:'s| is| are) )?(?:tired|hiring|struggling|drowning|stuck|rebuilding|re-?platforming)\b/,
      /\banyone (?:who(?:'s| is| are)? )?(?:planning|considering|evaluating|facing|preparing for)\b|\banyone (?:who )?(?:wants|needs|looking|struggling)\b|\bfor (?:those|anyone) who (?:want|need)\b/,
      /\banyone (?:here|in this group|out there) (?:who(?:'s| is| are)? )?(?:looking|wanting|needing|struggling|planning|considering|evaluating)\b|\b(?:may|might) be time for a change\b/,
      /\bif this (?:topic |area |kind of thing |problem )?(?:interests|resonates with|speaks to|sounds familiar to) you\b/,
      /\bfor (?:those|anyone) (?:who(?:'s| is| are) )?(?:building|launching|setting up|scaling)\b/,
      /\bif your (?:[\w-]{1,15} ){1,2}(?:needs|wants|is looking for|could use)\b/,
      /\b(?:sounds|seems|looks) like you(?:'d)? (?:need|could use)\b|\b(?:most|many) (?:teams|companies|brands) need (?:an? )?(?:outside|external|independent)\b|\byou need (?:an? )?(?:outside|external|independent|fractional|interim)\b|\b(?:several|many|some|a few|most|any|all) of you (?:might|may|will|would|could) (?:find|want|like|benefit|be interested)\b/,
      /\bif any of your (?:[\w-]{1,15} ){0,2}(?:need|needs|want|wants)\b/,
    ],
  },
  {
    signal: "offer_to_do",
    label: "Offers to do work for the reader ('we'll handle…', 'let us audit…', 'I can run…')",
    weight: 0.5,
    phrases: [
      /\b(?:we|i)(?:'ll| will| can| could) (?:happily |gladly )?(?:send|run|set|give|get|handle|audit|review|pull|put|show|walk|tailor|support|present)\b/,
      // "we can have a dashboard live for you", "my team can relaunch it for you"
      /\b(?:we|i|my team|our team)(?:'ll| will| can| could) (?:have|build|deliver|do|fix|relaunch|take|turn|stand up|roll out) [^.!?\n]{0,40}\bfor (?:you|your)\b/,
      /\b(?:we|i)(?:'ll| will| can| could) (?:have|get) you (?:live|up and running|set up|onboarded|launched)\b|\b(?:i'?d|we'?d) (?:happily|gladly) (?:benchmark|audit|review|run|vet|score)\b|\bif you(?:'d| would) like us to (?:vet|audit|review|run|score|benchmark|look at)\b|\b(?:i|we) can sit in on your\b|\blet (?:us|me|my team|our team) [a-z]{2,15} (?:you|your)\b|\b(?:we|i)(?:'ll| will| can| could) (?:plug|connect|integrate|hook|wire) (?:[\w-]{1,15} ){0,3}into your\b|\bwhat (?:we|i)'?d do (?:in your shoes|for you)\b|\b(?:i|we) can join your\b|\b(?:we|i) (?:run|do|handle|manage) (?:it|this|that|everything) for you\b|\b(?:i'?ll|we'?ll) (?:tell|show) you (?:exactly|precisely|how much|where)\b|\bsend (?:me|us) (?:the |your |last [\w']{1,10} )(?:[\w-]{1,15} ){0,2}(?:contracts?|report|policy|proposals?|data)\b|\b(?:we|i) can take (?:it|this|that|them) on\b|\bbring (?:it|this|them|the [\w-]{1,15}) (?:to|into) your\b|\bset up a (?:[\w-]{1,15} )?(?:pilot|trial|cohort|demo|workshop|session) for (?:you|your)\b|\b(?:run|do) a (?:side-by-side|bake-?off|comparison|head-to-head|pilot)(?: [\w-]{1,15}){0,2} (?:against|with|on) your\b|\b(?:run|put) your (?:[\w-]{1,15} )?(?:numbers|data|figures|content|roster) through\b|\b(?:i'?ll|we'?ll) walk your team through\b|\bsend (?:me|us) (?:the |your |last [\w']{1,10} )(?:[\w-]{1,15} )?(?:list|numbers|roster|figures|brief)\b/,
      /\b(?:we|i)(?:'d| would) be (?:glad|happy|delighted) to\b|\blet (?:us|me) (?:audit|run|help|show|handle|take)\b|\b(?:would|'d) be (?:glad|happy|delighted) to (?:show|walk|send|set|run|give|help) you\b|\bour team (?:would|can|will)\b/,
      // offers to apply the author's work to the reader's: "we'd happily scope yours", "replicating it for you", "bring your dashboards"
      /\b(?:we|i)(?:'d|'ll| would| will| can| could)? (?:happily |gladly |easily )?(?:scope|replicate|reproduce|apply|adapt|fold)\b[^.!?\n]{0,30}\b(?:you|yours|your)\b|\b(?:replicat|reproduc|repeat)(?:e|es|ing|ed)? (?:it|this|that|the same|them)(?: [\w-]{1,15})? for (?:you|your)\b|\b(?:i|we) can (?:usually|typically|normally|often) (?:get|cut|bring|fix|reduce|halve|double|turn)\b|\b(?:i'?ll|we'?ll) tell you what\b|\bbring your (?:[\w-]{1,15} )?(?:dashboards?|data|numbers|contracts?|reports?|brief)\b|\bfeature your (?:brand|company|team|programme|program|organi[sz]ation)\b/,
      /\b(?:can|could|will|'ll) take over (?:from|for) (?:your|you)\b|\bwith (?:two|\d{1,2}|a few) (?:weeks'?|days'?) notice\b|\btell me (?:your|about your) (?:brief|needs|requirements|budget|goals|use case)\b|\b(?:i'?ll|we'?ll|i can|we can|i could|we could) [a-z]{3,15} (?:[\w-]{1,15} ){0,3}for you\b|\b(?:i'?ll|i can|i will|we'?ll|happy to|let me) (?:dm|pm|message|inbox) you\b/,
      // "happy to arrange access for your team", "do the same for yours", "we can benchmark your…", "I'll organise it"
      /\b(?:arrange|get|give|grant|set up) (?:you |your team )?(?:access|a login|logins|a seat)\b|\b(?:do|run|deliver|build) the same (?:for|with) (?:you|yours|your)\b|\b(?:we|i)(?:'ll| will| can| could) (?:benchmark|audit|review|assess|score|map|model|rebuild|fix|redesign|restructure|train|coach|moderate|run) your\b|\b(?:i'?ll|we'?ll) (?:organi[sz]e|arrange) (?:it|that|this|one)\b|\b(?:we'?ll|i'?ll) (?:do|handle|take care of) the rest\b/,
      /\b(?:my|our) (?:team|firm|agency|practice) (?:could|can|would|will) [a-z]{2,15} [^.!?\n]{0,30}\bfor you\b|\b(?:we|i)(?:'ll| can| could| will) have (?:a|an|the|your) (?:[\w-]{1,15} ){0,2}(?:to you|with you|in your inbox|ready for you)\b|\b(?:i'?d|we'?d) (?:like|love) to propose\b/,
      /\btake (?:this|it|that|them|the [\w-]{1,15}) off your (?:plate|hands)\b|\bsupport your (?:team|organi[sz]ation|company|brand)\b|\brun (?:it|this|them) (?:with|for) your\b/,
      /\b(?:do|doing) the same (?:at|for|with) (?:your|you)\b|\b(?:could|can|would|will) do (?:it|this|that|the same) for you\b|\bbook (?:one|it|a session|you) in (?:for|with) (?:you|your)\b/,
    ],
  },
  {
    signal: "plug",
    label: "Announces itself as a plug or promotion",
    weight: 1.0,
    phrases: [
      /\b(?:quick|shameless|obligatory) plug\b|\bshameless\b|\bnot to (?:self-?promote|plug)\b|\bself-?promotion\b|\bplug for (?:my|our|a)\b/,
      /\bby the way, we(?:'re| are) (?:hosting|running|launching)\b/,
    ],
  },
  {
    signal: "urgency",
    label: "Creates urgency: limited time, limited spots, act now",
    weight: 0.6,
    phrases: [
      /\blimited[- ]time\b|\bact now\b|\bdon'?t miss (?:out|it)\b|\bhurry\b|\bwhile (?:spots|seats|supplies) last\b|\bthis week only\b/,
      /\bonly \d{1,3} (?:spots|slots|seats|places|openings)\b|\b(?:spots|slots|seats|places|openings) (?:left|remain|remaining|are limited)\b|\bstill (?:has|have) (?:a few|two|three|\d{1,2}) (?:spots|slots|seats|places)\b|\bstill a few (?:spots|slots|seats|places)\b|\bfirst come,? first served\b/,
      /\b(?:until|before|by) (?:the )?end of (?:the )?month\b|\b(?:calendar|cohort|roster) is (?:almost|nearly) full\b|\b(?:seats|spots|places) are (?:going|filling up) fast\b|\bfilling up fast\b/,
      /\bnot too late to (?:join|be included|sign up|register|apply|get in)\b|\bbefore (?:the )?(?:public|general|official) launch\b|\b(?:seats|spots|places|tickets) remain\b|\bkeeping it to (?:\d{1,3}|five|six|eight|ten|twelve|twenty) (?:companies|people|brands|executives|members|seats)\b|\boffer (?:ends|expires|valid until|closes)\b|\b(?:enrollment|enrolment|registration) (?:closes|ends)\b/,
      /\bstill time to (?:get|join|sign|register|apply|book|enrol|enroll|be)\b|\bsold out in\b|\bregister(?:ed)? early\b|\bbefore general availability\b/,
      /\bbefore we close (?:the|our) (?:cohort|list|round|doors|group|intake)\b/,
      /\b(?:first|the first (?:\d{1,3}|few|one|two|three|five|ten)) (?:to|people to|members to) (?:reply|respond|comment|message me|ask)\b/,
      /\b(?:our|my) (?:q[1-4]|calendar|diary|schedule|spring|autumn|next quarter) is (?:filling up|nearly full|almost full|booked)\b|\b(?:that|who) sign up (?:this|before|by)\b/,
    ],
  },
  {
    signal: "own_offering",
    label: "Offers readers something on behalf of the author's own firm, product or service",
    weight: 0.6,
    // "happy to set you up", "we'd be glad to", "we'll handle it" — counted only in a post that also speaks
    // of the author's own commercial offering (see `onlyWith`), so an executive offering to share notes or
    // to host a meeting does not trip it.
    phrases: [
      /\b(?:happy|glad|delighted|keen) to (?:send|give|set up|share|show|run|walk|do|help|handle|take|put|offer|quote|arrange|provide|extend|introduce|review|audit|demo|tailor)\b(?! (?:my|the) notes\b)/,
      /\b(?:we|i)(?:'d| would) be (?:glad|happy|delighted|keen) to\b|\bwe'?ll (?:handle|take care of|run|set (?:it|you|everything) up|build|manage|look after|tailor|customi[sz]e)\b/,
      /\b(?:we|i) can (?:send|set you up|give you|run (?:it|this|the same)|handle (?:it|this|that|the)|arrange|tailor)\b/,
    ],
    onlyWith: [
      /\bour (?:[\w-]{1,20} )?(?:platform|product|agency|practice|toolkit|packages?|retainer|firm|consultancy|solution|services?|offering|studio|roster|course|certification|software|app|clients|customers|methodology|proprietary)\b(?! partner| team\b| quoted|'s)/,
      /\bmy (?:firm|agency|practice|consultancy|startup|clients|services|course|book)\b|\bwe (?:help|work with|partner with|serve) (?:brands|companies|clients|teams|organi[sz]ations|enterprises|executives)\b/,
    ],
  },
  {
    signal: "roi_promise",
    label: "Promises that the author's service pays for itself ('recover the fee', 'pays for itself')",
    weight: 0.5,
    phrases: [
      /\b(?:usually|typically|always|often|will|should) pays? for (?:itself|themselves)\b|\brecover(?:s|ed)? (?:the|their|its|our|my) (?:fee|cost|investment)\b|\bpays? back (?:the|its|our|my) (?:fee|cost) (?:in|within)\b/,
    ],
  },
  {
    signal: "service_terms",
    label: "Describes the terms of a service the author sells: engagement length, fees, paid membership",
    weight: 0.5,
    phrases: [
      /\bthere'?s a (?:small |modest |nominal |one-off |annual )?(?:participation|membership|entry|registration|joining|licen[cs]e|subscription) fee\b|\b(?:it'?s|this is) a paid (?:programme|program|course|cohort|membership|benchmark|report|service|community)\b|\bwe run a paid\b|\bpaid (?:benchmark|cohort|membership|community|programme|newsletter)\b/,
      /\b(?:longer|follow-on|paid|full) engagements?\b|\b(?:one|two|three|four|five|six|eight|ten|twelve|\d{1,2})[- ](?:week|month|day) engagements?\b|\bwhat (?:my |our )?clients pay (?:me|us) for\b/,
      // prices and packages in other words: "a group rate", "the alumni price", "all for one annual fee", "a 90-day launch package", "subscriptions include"
      /\b(?:group|alumni|member|partner|corporate|nonprofit|volume|launch|intro(?:ductory)?) (?:rate|price|pricing)\b|\bpriced for\b|\bat no (?:extra|additional) (?:cost|charge)\b|\bfor (?:one|a single|a flat|a modest|a fixed|an annual|one annual) (?:annual |monthly )?fee\b|\b(?:modest|small|one-off|annual|monthly) (?:licen[cs]e|subscription|membership|retainer) fee\b|\b(?:\d{1,3}-day|launch|starter|onboarding|implementation) (?:package|bundle)\b|\ba bundle for\b|\b(?:subscriptions?|memberships?|packages?|retainers?|plans?) (?:include|includes|come with|comes with)\b/,
      /\b(?:\d{1,2}|one|two|three|four|six|eight|ten|twelve)[- ](?:week|day|month) (?:discovery|diagnostic|onboarding) (?:phase|period|process|sprint)\b|\bour onboarding (?:starts|begins|takes)\b/,
      // a turnaround the author promises: "I'll shortlist three for you within 48 hours", "within a week I'll tell you…"
      /\b(?:i'?ll|we'?ll|i can|we can|i will|we will)\b[^.!?\n]{0,70}\bwithin (?:a|one|two|three|\d{1,2}) (?:weeks?|days?|business days|working days|hours)\b|\bwithin (?:a|one|two|three|\d{1,2}) (?:weeks?|days?|hours),? (?:i|we)(?:'ll| will| can)\b/,
      /\b(?:short|small|quick|fixed) engagement\b/,
    ],
  },
  {
    signal: "own_page",
    label: "Points readers to the author's own website, profile or bio",
    weight: 0.8,
    // where, not what: a location alone is a weaker sign than an invitation to sign up there
    phrases: [
      /\b(?:in|on|from|via|through|at) my (?:profile|bio)\b|\blink in (?:my )?bio\b|\blinked (?:in|on|from|via) my\b|\bmy (?:profile|bio) has (?:a|the) (?:link|form|details)\b/,
      /\bmy (?:featured|pinned) (?:section|post|posts|links?)\b|\bpinned (?:to|on) my\b/,
      /\bon (?:our|the) website\b|\b(?:on|from) (?:my|our) (?:website|site|resources page|landing page)\b/,
      /\bon (?:our|my) blog\b/,
    ],
  },
  {
    signal: "availability",
    label: "Advertises the author's availability or limited capacity to take on work",
    weight: 0.7,
    phrases: [
      /\b(?:i|we) (?:have|still have|now have) (?:some )?(?:availability|capacity|openings|room|bandwidth)\b|\b(?:has|have) (?:availability|capacity) for\b/,
      /\broom for (?:one|two|three|a few|a couple|\d{1,2}) more\b|\b(?:bookings?|enrol?ments?|registrations?|applications|doors|waitlist) (?:are|is) (?:now )?open\b/,
      /\b(?:one|two|three|four|five|a few|a couple of|\d{1,2}) (?:more )?(?:openings|slots|spots|places|seats) (?:left|remaining|available|open|for (?:q[1-4]|this|next|new|the|[\w-]{1,20} (?:audits?|projects?|engagements?|clients?|sessions?)))\b/,
      /\b(?:still|only) (?:has|have) (?:one|two|three|a few|a couple of|\d{1,2}) (?:openings|slots|spots|places|seats)\b|\bnow (?:booking|taking bookings)\b|\btaking bookings\b/,
      /\b(?:i|we) (?:have|still have|now have) (?:a few|a couple of|one|two|three|\d{1,2}) (?:more )?(?:openings|slots|spots)\b|\bmy (?:calendar|diary|schedule) has (?:some |a little |a bit of )?(?:room|space|openings|availability)\b|\b(?:seats|spots|places) (?:are )?still (?:open|available)\b|\bholding (?:a few )?(?:places|seats|spots) for\b|\b(?:has|have) (?:availability|capacity) (?:from|in|again|this|next)\b|\b(?:opened|opening) (?:registrations?|enrol?ments?|bookings|applications)\b|\b(?:spots|slots|places|seats) open for\b|\bopening (?:up )?(?:one|two|three|four|five|a few|\d{1,2}) (?:more )?(?:slots|spots|places|seats)\b|\btaking (?:on )?new (?:work|business|projects)\b|\b(?:there'?s|there is|we have|i have) still (?:some )?(?:room|space)\b|\bstill (?:some )?(?:room|space) (?:for|left)\b|\b(?:i|we) (?:could|can) (?:add|take(?: on)?|fit in) one more\b|\b(?:i|we)(?:'ve got| have| have got) (?:a|an|one|two) (?:slot|opening|spot|place) (?:in|for|next|this)\b|\b(?:is|are) (?:now )?accepting (?:new )?(?:members|clients|applications|participants)\b|\b(?:keep|kept|reserve|reserved|hold|set aside) (?:a few|some|two|three|\d{1,2}) (?:places|spots|slots|seats) (?:each|every|for)\b|\b(?:spots|places|seats|slots) (?:for [\w -]{1,20} )?(?:just )?opened\b/,
      /\b(?:we'?ve|i'?ve|we have|i have) (?:got )?(?:a handful of|a few|a couple of|some) (?:openings|slots|spots|places|seats)\b|\ba handful of (?:openings|slots|spots|places|seats) (?:left|remaining|available|open)\b/,
      /\b(?:opened|opening|freed|freeing) (?:up )?(?:my|our) (?:calendar|diary|schedule)\b|\b(?:room|space) for (?:one|two|three|a few|a couple|\d{1,2}) more\b/,
      /\b(?:an|one|two|a few) openings? for (?:(?:one|two|a few|a couple of) )?(?:more )?(?:member|members|client|clients|brand|brands|company|companies|team|teams)\b|\bmemberships? (?:is|are) (?:now )?open\b|\b(?:we|i) could start (?:in|on|from|next|this|within|immediately)\b/,
      /\b(?:i'?ve got|i have|we have|we'?ve got) (?:some )?(?:spare|free) (?:time|capacity|bandwidth)\b/,
      /\b(?:now )?open to (?:external|outside|other) (?:participants|companies|brands|teams|organi[sz]ations|members)\b/,
    ],
  },
  {
    signal: "send_materials",
    label: "Offers to send readers material: a deck, brochure, proposal, report, guide or pricing",
    weight: 0.6,
    phrases: [
      /\b(?:send|share|forward|email)(?: over)?(?: you| anyone(?: interested)?)?(?: a| the| our| my)? (?:capabilities |credentials |sales |pitch |product )?(?:deck|one-pager|brochure|case stud(?:y|ies)|proposal|pricing|rate card|price list|sample report|spec sheet)\b(?! template)/,
      /\b(?:our|my) (?:capabilities|credentials|sales) (?:deck|pack|document)\b/,
      // passing material on to readers: "I'll send it your way", "glad to pass it along", "copies for anyone here"
      /\b(?:send|pass|forward)(?: it| them)? (?:your way|along|on to (?:anyone|you))\b|\b(?:send|forward|give|get)(?: it| the [\w -]{1,30}| copies| a copy)? (?:to|for) (?:anyone|everyone|any of you|council members|members here)\b/,
      /\b(?:email|send|forward) (?:it|them) over\b|\bcop(?:y|ies) of (?:our|my)\b|\b(?:send|give|email) you (?:a |an |the |our |my )?(?:copy|personali[sz]ed report|full report|summary|free copy|latest edition)\b|\byou (?:get|receive|walk away with) (?:a |the |our )?(?:full |personali[sz]ed |detailed )?(?:report|benchmark|scorecard|roadmap)\b/,
      // offered privately, or to whoever asks: "Should I send the overview?", "I can send members the PDF directly", "to anyone who asks"
      /\b(?:should|shall|can|may) (?:i|we) send\b|\b(?:want|like) me to (?:send|share|forward|email)\b|\b(?:i|we)(?:'ll|'d| will| can| could| would)? (?:happily |gladly |be happy to |be glad to )?(?:send|share|email|forward|pass)\b[^.!?\n]{0,40}\b(?:directly|privately|personally|offline)\b|\b(?:to|with) (?:anyone|everyone|members|people|those) who (?:asks?|requests? it|comments?|replies|messages me)\b|\b(?:tailored|customi[sz]ed|personali[sz]ed|bespoke) (?:report|benchmark|plan|roadmap|proposal|recommendations?|scorecard|assessment)\b|\bit'?s gated\b/,
      // "pass a copy to anyone", "ask and it's yours", "a personalised maturity score"
      /\b(?:pass|send|give|forward|email) (?:a |the )?cop(?:y|ies) (?:to|with)\b|\bask and (?:it'?s|they'?re) yours\b|\b(?:it'?s|they'?re) yours for the asking\b|\bpersonali[sz]ed (?:[\w-]{1,15} )?score\b/,
    ],
  },
  {
    signal: "audience_offer",
    label: "Addresses council members as customers ('for council members', 'council members get…')",
    weight: 0.6,
    phrases: [
      /\bmembers (?:of|in|from) this (?:council|group) (?:get|can|receive|save)\b|\bfor members of this (?:council|group|forum|community)\b|\bfirst refusal\b|\bcouncil members would be\b|\bmembers here (?:can|get|receive|save)\b|\bfor (?:people|members|executives|teams) (?:from|in) this (?:council|group)\b|\b(?:for|to|giving|give|offering|offer|include) (?:a few |any |all |interested |fellow )?council members\b|\bany (?:council )?members? who (?:wants?|would like|needs?)\b|\bcouncil members (?:get|can (?:try|get|use|join|have|bring)|save|receive|pay|only|are (?:very |most |always )?welcome)\b/,
      /\b(?:for|to|offering|offer|giving|give) (?:council|member) companies\b|\b(?:free|complimentary|discounted) (?:for|to) (?:council |member )?(?:members|companies|executives)\b|\bcouncil members can (?:enrol|enroll|register|access|attend|claim|apply)\b/,
      /\bcouncil (?:bundle|package|tier|edition|deal)\b|\b(?:several|any|all|some) of you (?:would be|are|will be) (?:very |most )?welcome\b/,
    ],
  },
  {
    signal: "recruits_customers",
    label: "Recruits readers as beta testers, pilot customers or early adopters",
    weight: 1.0,
    phrases: [
      /\bbeta (?:testers|users|customers|partners)\b|\b(?:priority |early )access to (?:our|my|the (?:new|beta))\b|\bpilot (?:partners|customers|companies|brands|clients)\b|\bearly adopters\b|\bin (?:exchange|return) for (?:feedback|a testimonial|a case study|a reference)\b/,
      /\b(?:find|recruit|recruiting) (?:a few|a handful of|one|two|three|four|five|\d{1,2}) (?:more )?(?:[\w-]{1,15} )?(?:companies|brands|teams|organi[sz]ations|enterprises|clients|customers) (?:to|for) (?:a |the |our )?(?:pilot|trial|beta|test)\b|\bearly access to (?:our|my|the)\b/,
      /\blooking for (?:a few|a handful of|one|two|three|four|five|\d{1,2})(?: or (?:two|three|four|five|six|\d{1,2}))? (?:more )?(?:[\w-]{1,15} )?(?:companies|brands|teams|organi[sz]ations|enterprises|members|executives|clients) to (?:pilot|try|test|trial|join|co-design|feature|help shape)\b/,
      /\b(?:shortlist|group|handful|cohort) of (?:[\w-]{1,15} )?(?:brands|companies|teams|enterprises) for (?:our|my)\b|\bideal (?:first )?(?:users|customers|clients|pilots)\b|\bdesign partners?\b|\bprivate beta\b|\bco-design (?:our|the|my)\b|\bopening (?:our|my|it|the)(?: [\w-]{1,20}){0,5} to a (?:small|select|limited) (?:group|number)\b|\b(?:adding|onboarding) (?:a handful of|a few|one|two|three|\d{1,2}) (?:more )?(?:[\w-]{1,15} )?(?:teams|members|clients|companies|brands)\b|\bi'?d love to have you\b|\bwant your (?:company|brand|team) included\b/,
      // recruiting in other words: "closed testing", "willing to try an early version", "shape our roadmap", "seeking two enterprise partners to trial"
      /\b(?:closed|private|limited|invite-only|early) (?:beta|testing|preview|pilot|release)\b|\b(?:willing|keen|happy|wanting|want) to (?:try|test|trial|pilot) (?:an? |our |my |the )?(?:early|beta|new|first|prototype)\b|\b(?:want|wants|like|keen) to be (?:part of|involved in|included in) (?:it|this|the (?:pilot|beta|trial|programme|program|cohort|study|report|benchmark))\b|\b(?:shape|influence|inform|steer) (?:our|my) (?:[\w-]{1,15} ){0,2}(?:roadmap|product)\b/,
      /\b(?:opening|opened|open|offering) (?:our|my|it|the) (?:[\w-]{1,20} ){0,5}to (?:a few|a handful of|one|two|three|four|five|\d{1,2}) (?:more )?(?:[\w-]{1,15} ){0,2}(?:teams|brands|companies|customers|clients|organi[sz]ations)\b|\b(?:seeking|selecting|recruiting|looking for|searching for|need|choosing|inviting) (?:a few|a couple of|a small group of|a handful of|one|two|three|four|five|\d{1,2})(?: or (?:two|three|four|five|six|\d{1,2}))? (?:more )?(?:[\w-]{1,15} ){0,3}(?:partners|brands|companies|teams|heads of [\w-]{1,15}|executives|customers|clients|leaders|organi[sz]ations) (?:to|for|willing|who|that)\b|\blooking for (?:their|our|my) first (?:[\w-]{1,15} )?(?:logos|customers|clients|users|partners)\b|\bin (?:exchange|return) for (?:an? )?(?:endorsement|review|quote|logo|testimonial)\b/,
      /\blooking for (?:[\w-]{1,15} )?(?:brands|companies|partners|clients|teams) to (?:partner|work) with\b/,
    ],
  },
  {
    signal: "vendor_voice",
    label: "Speaks as a vendor: describes what the author's own firm, team or product does for clients",
    weight: 0.5,
    phrases: [
      /\b(?:my|our) (?:firm|consultancy|practice|startup|studio)\b(?! partner)|\bmy agency\b|\bmy team (?:at [\w-]{1,30}|can|will|runs|does|delivers)\b/,
      /\bwe (?:built|designed|made|created) [\w-]{1,30} for\b|\b(?:that'?s|this is) (?:exactly )?what we do\b|\bwe(?:'ve| have)? done (?:it|this|that|the same) for\b/,
      /\bour (?:[\w-]{1,20} ){0,2}(?:workshop|masterclass|bootcamp|cohort)\b|\bwe (?:routinely|typically|usually|consistently) (?:save|help|deliver|cut|double|triple|get)\b|\bwe actually deliver\b|\bask any of our clients\b/,
      /\bour (?:[\w-]{1,20} ){0,2}(?:product|solution|offering|course|certification|retainer)\b(?! team\b| teams\b)(?! (?:migration|outage|upgrade|renewal))/,
      /\bi(?:'m| am) (?:the |a )?(?:co-?)?founder of\b|\bmy co-?founder\b|\bi (?:help|coach|train|mentor) (?:[\w-]{1,15} ){0,2}(?:companies|brands|heads|leaders|executives|teams|organi[sz]ations|clients|cmos|boards)\b|\b(?:i'?ve been|i am|i'?m now|i now|who) (?:advising|coaching|helping|consulting for|advises|coaches) (?:[\w-]{1,15} )?(?:companies|brands|boards|executives|leaders|teams|organi[sz]ations|clients)\b|\bon behalf of (?:buyers|clients|brands|companies)\b|\bour clients\b|\b(?:we|i) [\w ]{1,30} for a living\b|\bspeciali[sz]ing in\b|\b(?:version|tier|edition|package) of our\b|\bour (?:[\w-]{1,20} ){0,2}(?:platform|product|app|tool|agency|firm|solution|software) (?:just |has )?(?:won|been named|was named)\b|\bi teach (?:this|the|my|our)\b|\bi work with (?:a handful of|several|a few|\d{1,3}) (?:[\w-]{1,15} )?(?:cmos|executives|leaders|brands|companies|ceos|clients)\b|\bfixed[- ](?:fee|scope)\b|\bevery (?:engagement|client|project|mandate) (?:i|we) (?:take|run|do|start)\b|\b(?:i|we)(?:'ve| have) done (?:it|this|that) for other (?:members|companies|clients|brands)\b|\b(?:lead|run) a (?:small |boutique |specialist )?(?:team|firm|agency|practice|studio) that (?:handles|helps|runs|does|delivers|supports)\b|\bwe(?:'ve| have)? (?:designed|built|created|developed) (?:a|an) [^.!?\n]{0,40} for (?:enterprise |b2b |regulated |global )?(?:brands|companies|clients|enterprises|executives)\b|\bmy (?:coaching|consulting|advisory services|services)\b|\b(?:i|we) (?:run|do|deliver|lead|provide) (?:[\w-]{1,15} ){0,3}for (?:enterprises|brands|clients|companies|organi[sz]ations|executives)\b|\b(?:i|now) (?:review|audit|vet|benchmark|advise) (?:[\w-]{1,20} ){0,3}(?:agreements|contracts|programs|programmes|teams|buyers|brands|companies|executives|clients)\b/,
      // work the author did or does for clients: "how we restructured social care for a telco", "the first thing we build for every client"
      /\bwe [a-z]{3,15}ed (?:[\w-]{1,15} ){0,3}for (?:a|an) (?:[\w-]{1,15} )?(?:telco|bank|retailer|airline|insurer|carmaker|client|pharma company|logistics company|global|fortune)\b|\bwe (?:build|do|run|deliver|set up|create) for (?:every|each|all (?:of )?our) clients?\b|\bwe have a (?:dedicated |specialist )?(?:practice|offering) (?:for|in)\b/,
      /\bour (?:[\w-]{1,20} )?(?:methodology|method|framework|model|approach) (?:has been|is|was) (?:independently |externally )?(?:validated|proven|certified|accredited)\b|\bour (?:[\w-]{1,20} )?(?:platform|app|tool) (?:integrates|plugs into|connects)\b|\bi'?ve? (?:written|wrote|created|put together|compiled) (?:a|an|what i think is the) (?:[\w-]{1,15} ){0,3}(?:course|e-?book|guide|playbook|scorecard|benchmark|index|toolkit)\b/,
      /\bwe (?:do|run|build|deliver) (?:it|them|both|this|that) (?:in|for|within) (?:a |an |\d|one|two|three|four|five|six|ten)/,
      // what the author's practice does: "my boutique", "squarely in our wheelhouse", "the gap my firm fills", "a ten-week engagement"
      /\bmy (?:boutique|shop|outfit|advisory (?:work|practice|business)|consulting work)\b|\bin our (?:wheelhouse|lane|sweet spot)\b|\b(?:gap|problem|need|pain point|challenge|issue)s? (?:that )?(?:my|our) (?:firm|team|practice|agency|consultancy|company|startup|product|platform|tool|business) (?:fills|solves|fixes|closes|addresses|tackles)\b|\b(?:do|does|did|doing) (?:these|this|that|it|them)(?: [\w-]{1,15})? professionally\b|\bwork(?:ing)? independently with\b/,
      /\bwe (?:give|hand|send|show|provide|charge|bill|train) (?:our |all |every )?clients\b|\bwe(?:'re| are) a (?:small |boutique |specialist |independent )?(?:team|firm|agency|consultancy|collective|studio) (?:of|that|who)\b|\bwe (?:now )?(?:run|provide|deliver|handle|manage|do|offer) (?:[\w-]{1,20} ){0,4}for (?:mid-?sized? |large |small |enterprise |global |regulated |b2b |consumer )(?:[\w-]{1,15} )?(?:brands|retailers|companies|banks|insurers|enterprises|organi[sz]ations|clients|businesses)\b/,
      // packaging experience into an offering, clients who hire the author: "distilled what we learned into a one-day intensive", "teams that bring us in"
      /\b(?:codified|distilled|packaged|bundled|turned) (?:[\w-]{1,15} ){1,5}into (?:a|an|our) (?:[\w-]{1,15} ){0,3}(?:model|framework|method|methodology|programme|program|workshop|intensive|assessment|diagnostic|course|masterclass|offer|offering|product|service)\b|\b(?:bring|brings|brought|hire|hires|hired|engage|engages|engaged) (?:us|me) in\b|\bworked with us\b|\b(?:[\d,]{1,6}\+?|our|my) client (?:programmes|programs|projects|engagements|brands|accounts|base|roster|work)\b/,
      // the author's offering people and models: "our strategists", "our 3-step model", "the CEOs I ghostwrite for"
      /\bour (?:[\w-]{1,15} )?(?:strategists|consultants|coaches|trainers|specialists|advisers|advisors)\b|\bour (?:own )?(?:\d{1,2}|three|four|five|six|seven)[- ](?:step|stage|part|pillar|point) (?:model|framework|method|process|approach|playbook)\b|\bour research arm\b/,
      /\b(?:we'?ve got|we have|we offer|we sell|i'?ve got) (?:a|an) (?:[\w-]{1,20} ){0,2}(?:module|tool|product|feature|service|offering|package|programme|program|workshop|course|framework|playbook|app) for exactly\b|\b(?:built|made|created|developed|designed|wrote) for (?:our |my )?clients\b|\b(?:the|a) (?:team|company|firm|startup|business|agency) i (?:founded|started|co-?founded)\b|\bour \d{1,4}(?:st|nd|rd|th) (?:[\w-]{1,15} )?(?:customer|client|brand|deployment)\b/,
      /\b(?:need|needs|want|get|with|give us|give me) (?:read-only |read |admin )?access to your\b|\b(?:read-only|admin) access to your\b|\baccess to your (?:analytics|data|accounts|dashboards|channels|systems)\b|\b(?:share|grant|give (?:us|me)) (?:read(?:-only)? |admin )?access\b|\b(?:my|our) (?:[\w-]{1,15} ){1,2}(?:practice|consultancy)\b(?! partner)|\b(?:a|the) (?:great |good |right |best )?(?:person|people|team) for you to (?:speak|talk) (?:with|to)\b/,
      // expertise and track record in the author's own voice: "my area of expertise", "where our service shines", "we've been that partner for a decade"
      /\b(?:my|our) (?:area|field|line) of (?:expertise|specialism)\b|\bthrives? on\b|\bwhere our (?:[\w-]{1,20} ){0,2}(?:shines|excels)\b|\bwe consult on\b|\b(?:handles?|runs?|do|does|tackle|run) (?:exactly|precisely) this (?:kind|sort|type) of\b|\bwe(?:'ve| have) been (?:that|the|their|your) partner\b|\bour (?:[\w-]{1,15} )?clients\b|\bco-?deliver\b|\bour partners? at\b/,
      /\bright up our (?:street|alley)\b|\bfamiliar (?:territory|ground) for (?:us|me)\b|\bthrough exactly this\b|\b(?:it )?includes our\b/,
      /\byears (?:of )?(?:running|helping|building|advising|delivering) [^.!?\n]{0,40}\bfor (?:[\w-]{1,15} )?(?:brands|clients|companies|enterprises)\b|\bi (?:advise|counsel) (?:[\w-]{1,15} ){0,2}(?:heads|leaders|executives|cmos|boards|brands|companies)\b/,
    ],
  },
  {
    signal: "invites_contact",
    label: "Invites readers to get in touch or talk one-to-one",
    weight: 0.5,
    phrases: [
      /\blet me know (?:when|if) you(?:'d| would)? (?:have (?:\d{1,3}|a few|some) minutes|want (?:to (?:talk|chat|see|explore)|a )|(?:like|are interested) (?:to (?:talk|chat|see|explore)|in))/,
      /\b(?:happy|glad) to (?:talk|chat|connect|speak)\b(?! (?:anyone|people|folks|them|members)\b)(?! (?:about it |more )?(?:at|during|in) the (?:next )?(?:chapter|meeting|dinner|session|summit))|\btalk anytime\b/,
      /\b(?:i'?d|we'?d|would) (?:welcome|love) (?:a |an )?(?:chat|call|conversation|introduction|intro)s? (?:with|to) (?:anyone|any|those|teams|companies|brands|you)\b/,
      /\breply (?:to this (?:thread|post) |here |below )?(?:if (?:you're |you are )?interested|with your (?:email|contact|details|work email))\b/,
      /\b(?:get|be) in touch\b|\b(?:compare notes|talk|chat|discuss(?: it)?) (?:privately|offline|one-to-one|1:1)\b/,
      /\b(?:coffee|lunch|dinner|drinks)(?:'s| is| are)? on me\b|\b(?:i'?d|we'?d|would) welcome (?:the|a) (?:conversation|chat|call|opportunity|chance)\b|\b(?:might|may) be (?:time|worth) (?:to )?(?:take a look|a look|looking)\b|\btime to take a look\b|\bjust say the word\b|\blet me know if you(?:'d| would)? (?:like|want) (?:the |more )?details\b|\b(?:would )?any of you be interested in\b|\bshout if\b|\bjust grab me\b|\b(?:open to|up for) a (?:conversation|chat|call)\b|\b(?:i'?d|we'?d) value (?:\d{1,3} minutes|a (?:call|chat|conversation))\b|\b(?:would|will) be (?:a|an) (?:great|good|perfect|ideal) fit\b/,
      /\bfeel free to (?:connect|get in touch|message|ping)\b|\b(?:welcome|love|appreciate) the (?:opportunity|chance) to (?:talk|chat|discuss|connect|help|show|support)\b|\blet me know if (?:a|an) (?:short |quick |brief )?(?:intro|introduction|call|chat|walkthrough|demo|conversation) would\b|\b(?:a|short|quick) (?:walkthrough|demo) would\b|\bworth (?:[\w-]{1,15} ){1,4}with us\b/,
      /\bdetails (?:are )?(?:available )?(?:on|upon) request\b|\breply (?:here |below )?if (?:you|your)\b|\bworth a (?:conversation|chat|call|quick call)\b|\blet'?s find (?:half an hour|an hour|\d{1,3} minutes|(?:some )?time)\b|\b(?:always )?(?:up for|open to) (?:comparing notes|a chat|a call|a conversation) with (?:anyone|you)\b|\bi'?m around\b(?! (?:at|for|during|in|on|if) )|\bsounding board for (?:anyone|you|any)\b|\bmy door is always open\b/,
      // "compare it with yours over a call", "let's compare calendars", "we can take it from there", "if it's relevant to you"
      /\bover a (?:quick |short |brief )?(?:call|coffee|zoom|video call)\b|\bcompare (?:calendars|diaries)\b|\btake it from there\b|\b(?:talk|chat) about a (?:longer|bigger|paid|full|proper|follow-on) (?:engagement|project|piece of work)\b|\bone-on-one\b|\b(?:we|i) can (?:talk|walk|go) (?:it |you )?through (?:where|how|what|your)\b|\bif (?:it'?s|that'?s|this is) (?:relevant|useful|helpful) (?:to|for) you\b|\b(?:closest|most relevant|best suited) to your (?:situation|needs|case|sector|context)\b/,
      /\bif (?:you|your [\w-]{1,15}|anyone)\b[^.!?\n]{0,60}\b(?:wants?|would like|'d like) to (?:be part of|join|try|take part|get involved|be included|participate)\b[^.!?\n]{0,20}\blet me know\b/,
      /\b(?:happy|glad|delighted) to (?:tell you more|outline|elaborate)\b|\bfind me (?:during|at|after) the\b|\bstop by (?:our|my) (?:booth|stand|table)\b|\b(?:open to|up for) a (?:[\w-]{1,15} ){1,2}(?:conversation|chat|call)\b|\bexploratory (?:call|conversation|chat)\b|\b(?:reconnect|catch up) with (?:many|some|any|all|a few) of you\b|\b(?:personal|personali[sz]ed|one-to-one|1:1|individual) (?:[\w-]{1,15} )?(?:call|consultation|debrief)\b/,
      /\bfollow-up (?:call|session|meeting|consultation) with\b/,
      /\b(?:i'?ll|happy to|glad to|i can|i'?d) make the (?:connection|introduction|intro)\b/,
      /\b(?:always )?(?:happy|glad) to compare notes\b|\bsay the word\b|\bjust say so\b|\b(?:glad|happy|keen|love) to hear more about your\b/,
      /\b(?:happy|glad) to lend a hand\b/,
      /\b(?:love|like|keen) to work with (?:you|your|a (?:brand|company|team) like yours)\b|\b(?:happy|glad) to oblige\b|\b(?:love|like|keen|happy) to meet (?:any|some|all|a few) of you\b|\bnow is the time to (?:talk|act|book|start|get in touch)\b/,
      /\bavailable (?:on|upon) request\b/,
      /\b(?:a|one) (?:short|quick|brief|\d{1,2}-minute) (?:call|chat|conversation) (?:would|will|could)\b|\b(?:whether|if) (?:we'?re|we are|i'?m|i am) (?:a|the right) fit\b/,
    ],
  },
  {
    signal: "own_event",
    label: "Promotes the author's own event, course, cohort, podcast, book, blog or webinar",
    weight: 0.6,
    phrases: [
      /\b(?:i'?m|i am|we'?re|we are|our team is|i'?ll be) (?:teaching|hosting|running|organi[sz]ing|chairing|launching|holding|assembling|putting together|starting|forming) (?:a |an |our |my |the )?(?:[\w'-]{1,20} ){0,4}(?:masterclass|webinar|workshop|offsite|retreat|accelerator|cohort|course|bootcamp|roundtable|dinner|breakfast|summit|showcase|peer group|podcast|intake|mastermind)\b/,
      /\b(?:our|my) (?:next|upcoming|new|spring|summer|autumn|fall|winter) (?:[\w'-]{1,20} ){0,3}(?:masterclass|webinar|workshop|offsite|retreat|accelerator|cohort|course|bootcamp|intake|episode)\b|\bthe next (?:intake|cohort|edition)\b|\bnext session has\b/,
      /\b(?:this|last) week'?s episode\b|\b(?:just )?recorded a podcast\b|\bi (?:run|teach|host) (?:a|an) (?:[\w-]{1,20} ){0,3}(?:masterclass|course|cohort|accelerator|peer group|podcast|mastermind|newsletter)\b|\bmy (?:newsletter|podcast) (?:covers|this week|features)\b|\bmy (?:podcast|webinar series|substack|blog|youtube channel)\b/,
      /\bi(?:'ve got| have) a (?:[\w-]{1,15} )?(?:workshop|course|masterclass|programme|program) that\b|\b(?:my|our) co-?founder and i (?:now )?(?:teach|run|offer|host)\b|\bcome to our\b|\b(?:my|our) (?:[\w-]{1,15} )?(?:course|cohort|workshop|programme|masterclass|bootcamp) (?:starts|begins|kicks off|opens)\b|\b(?:attend|join) (?:our|my) (?:[\w-]{1,15} ){0,2}(?:briefing|webinar|session|event|dinner|breakfast|workshop|masterclass|roundtable|showcase|summit)\b|\bcohorts? (?:run|start|begin)s? (?:every|each|monthly|quarterly)\b|\b(?:a|our|my) (?:one|two|three|half|\d)-day (?:intensive|bootcamp|masterclass)\b|\bwe'?ll be demoing\b|\bthe programme runs\b|\bapplications (?:close|are open)\b/,
      // series, newsletters and the size of the author's audience: "our on-demand webinar series", "my newsletter, which 8,000 leaders read"
      /\b(?:my|our) (?:[\w-]{1,15} )?(?:webinar|podcast|video|masterclass|briefing|newsletter) series\b|\bepisode \d{1,3} (?:drops|is out|goes live|airs|lands)\b|\bthis week'?s (?:issue|edition) of my\b|\bmy (?:weekly |monthly |fortnightly |friday )?newsletter\b|\b(?:my|our) (?:paying |paid )?subscribers\b|\b(?:i'?m|i am|we'?re|we are) (?:presenting|speaking|sharing (?:our|my) research)\b[^.!?\n]{0,60}\b(?:briefing|webinar|session|workshop|roundtable|event|summit)\b|\boffice hours\b/,
      /\b(?:goes out to|read by|reaches|to|which) (?:over |more than |a few |several |some )?(?:[\d,]{3,9}|thousands of|a few thousand|several thousand) (?:[\w-]{1,15} ){0,3}(?:readers|subscribers|leaders|executives|marketers|professionals|listeners)\b/,
      /\bwe(?:'ve| have)? (?:just |recently )?(?:published|released|launched) (?:a|an|our|my) (?:new |annual |latest )?(?:[\w-]{1,15} ){0,2}(?:report|workbook|whitepaper|white paper|guide|e-?book|benchmark|index|playbook|toolkit|study)\b/,
      // the author's book, episodes, demo days and next dates
      /\bmy (?:new |latest |upcoming )?book\b|\b(?:my|our) (?:latest |new |recent )?(?:podcast )?episode\b|\b(?:live |open )?demo (?:day|logins?)\b|\bour next (?:live |open |online |public )?(?:[\w-]{1,15} )?(?:demo day|session|event|webinar|clinic|workshop|dinner|briefing|roundtable)\b|\bthe next (?:public |open )?(?:date|run|edition|intake)\b|\bfor (?:our )?subscribers\b/,
      /\bi (?:run|host|lead|chair) (?:a|an) (?:[\w-]{1,15} ){0,2}(?:advisory group|peer group|community|network|club|forum|circle)\b|\b(?:about|going) to (?:publish|release|launch) (?:our|my)\b|\bthe (?:research|report|study|guide|benchmark|toolkit) (?:we|i) (?:put out|published|released)\b|\b(?:i|we)(?: [\w-]{1,15} and i)? (?:wrote|have written|'ve written|published) (?:a|the) book\b|\bspeaking tour\b/,
      /\bwe(?:'ve| have)? (?:just |recently )?(?:written|created|put together|produced) (?:a|an|our) (?:new |short |free )?(?:[\w-]{1,15} ){0,2}(?:report|workbook|whitepaper|white paper|guide|e-?book|benchmark|playbook|toolkit)\b/,
      /\bmy (?:upcoming|next|latest) (?:talk|keynote|session|presentation|webinar|workshop)\b|\bputting the finishing touches on (?:a|an|our|my)\b/,
      /\bour (?:stand|booth)\b|\b(?:our|my) (?:latest|new|recent) (?:blog post|article|video)\b|\bi'?m hosting an? (?:ama|q&a|live)\b|\b(?:my|our) (?:youtube |twitch )?channel\b/,
    ],
  },
  {
    signal: "tied_recommendation",
    label: "Recommends a firm the author is tied to (as adviser, investor or friend) and steers readers to it",
    weight: 1.0,
    phrases: [
      /\bcheck (?:them|it) out\b|\b(?:they'?re|it'?s|they are|it is) worth a (?:look|call|conversation)\b|\bput them on your (?:shortlist|list|rfp)\b|\bcan'?t recommend (?:them|it) enough\b|\b(?:strongly|highly) recommend\b|\btell them i (?:sent|pointed) you\b|\bget you in front of\b|\bpass on that they\b|\b(?:they'?d|they would) love to hear from\b|\bi'?d vouch for (?:them|her|him)\b|\b(?:wants?|needs?) a name\b|\bthey'?re at [a-z0-9-]{1,63}\.[a-z]{2,24}\b|\b(?:wants?|like) an (?:introduction|intro)\b|\bwould be a (?:great|good|perfect) fit\b|\b(?:i can|happy to|glad to) (?:make an |an )?(?:introduction|introduce you|intro)\b/,
      // steering readers in other words: "I'd point you to", "worth a look", "happy to make a warm intro", "get a couple of you on a call"
      /\bi'?d point you (?:to|towards)\b|\bworth a look\b|\b(?:make|do|arrange) (?:a|an) (?:warm |quick |direct )?intro(?:duction)?\b|\b(?:i'?ll|i can|i could|happy to|glad to|and i'?ll) connect (?:you|anyone|people|members)\b|\bget (?:a couple of |a few |some of |any of )?you on a call\b|\bwould suit (?:several|many|some|a few|most|any) of you\b|\btalk to (?:them|her|him)\b|\btell them you'?re (?:from|with)\b|\b(?:they'?ll|they will|they can) (?:do|run|give|look after|set)\b/,
      /\b(?:encourage|urge) (?:you|everyone|anyone) to (?:look at|check out|try|talk to|call|contact)\b|\bput you in touch\b/,
      /\bi (?:can |would |'d )?(?:happily |warmly )?recommend (?:a|an|them|her|him)\b|\bthe best in the business\b/,
      /\b(?:i can|i'?d|i will|happy to) vouch for\b|\brecommend you (?:speak|talk) to\b/,
    ],
    onlyWith: [
      /\badvisory (?:board|council)\b|\bset up on (?:their|her|his) own\b|\ba reference for (?:them|her|him)\b|\bmy (?:husband|wife|partner|brother|sister|son|daughter|cousin|friend)'?s (?:agency|firm|company|startup|consultancy|business)\b|\b(?:joined|on) (?:the|their) board\b|\b(?:i'?m|i am) an? advis[eo]r to\b|\b(?:startup|company|firm) i (?:now )?(?:advise|invested in|back)\b|\bi (?:invested in|advise|back)\b|\b(?:a )?friend'?s (?:firm|agency|company|startup|consultancy)\b|\bmy (?:former|old) (?:colleague|boss)'?s?\b/,
      // ties in other words: family running the firm, investing, advising, a board seat, a partnership or a referral deal
      /\bmy (?:husband|wife|spouse|partner|brother|sister|son|daughter|cousin|friend|father|mother|dad|mum|mom)\b[^.!?\n]{0,30}\b(?:runs|owns|founded|started|co-?founded|set up|leads)\b|\b(?:early |angel )?investor in\b|\bi (?:was|am|'m) an? (?:early |angel |small )?investor\b|\bcap table\b|\b(?:i'?m|i am|i'?ve been|i have been) advising\b|\b(?:joining|joined|on|sit on) the (?:advisory )?board of\b|\b(?:i'?m|i am) a (?:silent )?(?:partner|shareholder) in\b|\breferral (?:arrangement|fee|agreement|partnership|deal)\b|\bi'?m helping them\b/,
      /\bon (?:their|its) payroll\b|\b(?:paid|part-time|retained) advis[eo]r\b/,
      /\bi'?m a (?:silent |minority |small )?(?:shareholder|stakeholder|part-owner|co-owner)\b/,
      /\bwe co-?deliver\b|\bour partners? at\b/,
    ],
  },
  {
    signal: "superlative",
    label: "Uses marketing superlatives about a product, firm or resource (best-in-class, #1, the definitive guide)",
    weight: 0.6,
    phrases: [
      /\bbest[- ]in[- ]class\b|#1\b|\bnumber one (?:rated|agency|platform|tool)\b|\bworld[- ]class\b|\bindustry[- ]leading\b/,
      /\b(?:the )?leading (?:authority|provider|platform|agency|experts?)\b|\bthe only (?:agency|firm|platform|tool|partner) that\b/,
      /\bthe best (?:choice|option|platform|agency|partner|tool|solution) for\b|\bthe (?:definitive|ultimate) (?:guide|book|playbook|resource|handbook)\b/,
      /(?<!\bno |\bnot |\bun)\bproven (?:[\w-]{1,15} )?(?:blueprint|framework|method|methodology|model|approach|playbook|system|process|formula)\b/,
      /\bthe (?:most|best|fastest|cheapest) [\w-]{1,20} (?:on|in) the market\b/,
    ],
  },
];

const DISCUSSION_SIGNALS: Signal[] = [
  {
    signal: "asks_peers",
    label: "Asks peers for their experience or views",
    weight: -0.4,
    phrases: [
      /\b(?:has|does|did|is) anyone\b|\banyone (?:else|using|tried|have|going)\b|\bwho here\b|\bhow do (?:you|others|other)\b|\bwhat do (?:others|people|you)\b/,
      /\bwhat (?:have|are|were) (?:others|people|you)\b|\bcurious (?:how|whether|if|what)\b|\bi'?d love to hear\b|\bdoes that match\b|\bin line with what\b/,
      // "I'd welcome a chat with anyone who moved social care to CX": wants to hear from peers who did it
      /\b(?:chat|talk|speak|hear from|compare notes) (?:with|to) (?:anyone|someone|others|peers) who(?:'s| has| have| had)? (?:already |recently |successfully )?[a-z]{2,20}ed\b/,
      /\bhow many of you\b|\bwhat'?s (?:your|everyone'?s|the right)\b|\bwould others\b|\blooking for peers\b|\bquick poll\b|\bopen to suggestions\b/,
    ],
  },
  {
    signal: "question",
    label: "Asks a question",
    weight: -0.3,
    // a sentence ending in "?" (starting at the beginning of the post or after . ! ? or a line break),
    // except an offer put as a question ("Want a demo?", "Interested?", "Anyone interested in our pilot?"),
    // which asks nothing of peers, nor does a marketing hook ("Struggling with…?", "Tired of…?", "Ready to…?")
    phrases: [
      /(?<=^|[.!?\n])(?!\s{0,3}(?:want|wanna|interested|need|keen|fancy|would you like|who wants|shall we|shall i|anyone in the market for|would any(?: of you|one)? (?:be )?interested|would any(?:one| of you)?(?: here)? be (?:up for|keen)|should (?:i|we) send|can (?:i|we) send|may i send|have you (?:thought about|considered|looked at)|would (?:you|your [\w-]{1,15}|anyone) be open|are you open|would (?:it|that|this) (?:help|be (?:useful|helpful|of interest))|(?:can|could|may) i (?:send|share|show|set|send)|want me to|is (?:this|that) something|struggling|tired of|sick of|fed up|still (?:using|relying|running|paying|stuck)|ready to|anyone interested in (?:a|an|our|my|the)\b))[^.!?\n]{1,300}\?(?=\s|$|["')\]])/,
    ],
  },
  {
    signal: "first_person_experience",
    label: "Describes first-hand experience in the author's own organisation",
    weight: -0.3,
    phrases: [
      /\bwe(?:'ve| have)? (?:started |begun |been )?(?:paying|using|trying|running|testing)\b/,
      /\bwe (?:tried|used|had|ran|moved|spent|pay|paid|got|negotiated|hired|signed|renewed|evaluated|replaced|discontinued|cut|stopped|restructured|rolled out|tie|use|calculate|went with|were quoted|measure|track|took|learned|found|saw|chose|declined|switched|dropped)\b/,
      /\bin our (?:company|organi[sz]ation|team)\b|\bour (?:team|cfo|ceo|cmo|board|legal team|social team) (?:is|was|has|had|wants|asked|keeps|reports|handles)\b/,
      /\bi learned\b|\bi used to\b|\bwhen i was at\b|\bin my (?:experience|work)\b|\bat my last company\b/,
      /\bwe(?:'ve| have) (?:used|tried|paid|spent|switched|hired|renewed|negotiated|signed|replaced|dropped|bought|stopped)\b/,
    ],
  },
  {
    signal: "lesson_learned",
    label: "Shares a lesson learned",
    weight: -0.3,
    phrases: [/\blessons?(?: learned)?\b|\bthe hard way\b|\bthe (?:key|trick) was\b|\bwhat surprised\b|\bin hindsight\b|\bwe got burned\b|\b(?:go|went|gone) wrong\b|\bbackfired\b/],
  },
  {
    signal: "vendor_terms_received",
    label: "Reports what a vendor offered, quoted or charged the author's organisation",
    weight: -0.3,
    phrases: [
      /\b(?:gave|offered|quoted|charged|sold) us\b|\bwe were (?:offered|quoted|charged|given)\b|\bwe negotiated\b/,
      // "we ran a free pilot with a vendor", "we got a discounted rate": an offer the author received, not made
      /\bwe (?:got|ran|took|tried|had|used|did|accepted|signed up for) (?:a |an |the |their |its )?(?:free|discounted|complimentary|special|trial|pilot)\b/,
    ],
  },
  {
    signal: "shares_openly",
    label: "Shares material openly with the whole council (the resources area, no strings)",
    weight: -0.4,
    phrases: [
      /\b(?:in|to|into|on) the (?:council'?s? )?(?:resources?|shared) (?:area|section|library|folder|page|drive)\b|\bin resources\b|\bno affiliation\b/,
    ],
  },
  {
    signal: "complains_of_pitch",
    label: "Complains about or warns of a pitch the author received",
    // "Please stop sending me calendar invites I didn't ask for", "Who else got the 'Cyber Monday: half off' email",
    // "Got this in a DM today: '…two design-partner spots left…'", "Heads up: someone emailed half the council"
    weight: -0.4,
    phrases: [
      /\bplease (?:stop|don'?t|do not) (?:sending|forwarding|emailing|messaging|inviting|dm'?ing)\b|\bwho else (?:got|gets|received|is getting|has received)\b|\banyone else (?:get|got|getting|receive|received)\b/,
      /\b(?:got|received|getting) (?:this|these|one|another) (?:in (?:a|my) (?:dm|message|inbox)|by email|from (?:a|an|someone)|today|this (?:morning|week))\b|^\s{0,3}(?:heads up|psa|warning|beware|vent)\b/,
    ],
  },
  {
    signal: "council_event",
    label: "Announces one of the council's own events or chapters",
    // "Council members only: the Paris chapter is hosting a no-cost half-day", "Free council webinar next Thursday"
    weight: -0.4,
    phrases: [
      /\bthe [a-z]{2,20} chapter (?:is hosting|hosts|will host|meets|is meeting|organi[sz]es|is organi[sz]ing)\b|\b(?:the|our) council'?s (?:own )?(?:webinar|dinner|breakfast|event|events|book club|meetup|session|retreat|survey)\b/,
      /\bcouncil (?:webinar|dinner|book club|meetup|breakfast|retreat)\b|\b(?:on|through|via) the (?:council )?events page\b/,
    ],
  },
  {
    signal: "vendor_mention",
    label: "Names a third-party vendor, tool or platform in passing",
    // vendors only: channels such as LinkedIn or TikTok are where pitches are aimed, not evidence of experience
    weight: -0.2,
    phrases: [
      /\b(?:sprinklr|brandwatch|hootsuite|khoros|sprout(?: social)?|emplifi|meltwater|talkwalker|dataminr|smarsh|salesforce|synthesio|netbase|zendesk)\b/,
    ],
  },
];

// =====================================================================================
// Machinery (no policy below this line)
// =====================================================================================

type CompiledSignal = Omit<Signal, "phrases" | "onlyWith"> & { regex: RegExp; onlyWith: RegExp | null };

/**
 * Each signal's phrases become one regex, matched against the post in lower case (see lowerForMatching)
 * rather than with the "i" flag: the same matches, found faster. So a phrase must be written in
 * lower case; compiling refuses an upper-case letter outside an escape.
 */
function join(phrases: RegExp[]): RegExp {
  const source = phrases.map((p) => p.source).join("|");
  if (/[A-Z]/.test(source.replace(/\\./g, ""))) throw new Error(`Pitch phrases must be lower case: ${source.slice(0, 80)}`);
  return new RegExp(hoistWordBoundaries(source));
}

/**
 * The source `\ba|\bb|c|\bd` becomes `\b(?:a|b)|c|\b(?:d)`: neighbouring alternatives that all begin with
 * a word boundary share one check of it. The same matches, in the same order of preference (the
 * boundary is tested at the same place either way), but the engine no longer re-tests it for each
 * of hundreds of alternatives at every position of the post.
 */
export function hoistWordBoundaries(source: string): string {
  const parts: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) parts.push(`\\b(?:${run.join("|")})`);
    run = [];
  };
  for (const alternative of topLevelAlternatives(source)) {
    if (alternative.startsWith("\\b")) run.push(alternative.slice(2));
    else {
      flush();
      parts.push(alternative);
    }
  }
  flush();
  return parts.join("|");
}

/** The alternatives of a regex source at the top level (not inside a group or a character class). */
function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let current = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      current += c + (source[i + 1] ?? "");
      i++;
      continue;
    }
    if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(current);
      current = "";
      continue;
    }
    current += c;
  }
  out.push(current);
  return out;
}

/**
 * The post in lower case, the same length, for matching without the "i" flag. Case-insensitive
 * matching (non-Unicode) never lets a non-ASCII character match an ASCII one; lower-casing keeps
 * every character non-ASCII except two, İ (U+0130, which becomes two characters) and the Kelvin
 * sign (U+212A, which becomes "k"), so those two are kept as written.
 */
function lowerForMatching(text: string): string {
  return /[\u0130\u212a]/.test(text) ? text.replace(/[^\u0130\u212a]+/g, (s) => s.toLowerCase()) : text.toLowerCase();
}

/** Each signal's phrases become one regex, compiled once when the module loads. */
function compile(signals: Signal[]): CompiledSignal[] {
  return signals.map(({ phrases, onlyWith, ...rest }) => ({ ...rest, regex: join(phrases), onlyWith: onlyWith ? join(onlyWith) : null }));
}

const COMPILED_PITCH = compile(PITCH_SIGNALS);
const COMPILED_DISCUSSION = compile(DISCUSSION_SIGNALS);

/** A short excerpt around a match: always a substring of the input, never longer than MAX_EXCERPT_LENGTH. */
function excerptAround(text: string, start: number, length: number): string {
  if (length >= MAX_EXCERPT_LENGTH) return text.slice(start, start + MAX_EXCERPT_LENGTH).trim();
  const context = Math.min(20, Math.floor((MAX_EXCERPT_LENGTH - length) / 2));
  let from = Math.max(0, start - context);
  let to = Math.min(text.length, start + length + context);
  // Begin and end on whole words: drop a half word at either edge.
  if (from > 0 && text[from - 1] !== " ") {
    const space = text.indexOf(" ", from);
    from = space !== -1 && space < start ? space + 1 : start;
  }
  if (to < text.length && text[to] !== " ") {
    const space = text.lastIndexOf(" ", to);
    to = space >= start + length ? space : start + length;
  }
  return text.slice(from, to).trim();
}

/** The reason for a signal, with the earliest matching excerpt, or null if the signal does not fire. */
function check(text: string, lower: string, signal: CompiledSignal): PitchReason | null {
  const m = signal.regex.exec(lower);
  if (!m) return null;
  if (signal.onlyWith && !signal.onlyWith.test(lower)) return null;
  return { signal: signal.signal, label: signal.label, excerpt: excerptAround(text, m.index, m[0].length), weight: signal.weight };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Scores one post. The verdict depends on the text (and the threshold) only. */
export function detectPitch(text: string, threshold: number = DEFAULT_PITCH_THRESHOLD): PitchVerdict {
  const reasons: PitchReason[] = [];
  let pitchWeight = 0;
  let discussionCredit = 0;
  // Quoted words are reported speech (quoted.ts): a pitch quoted to complain about it is not the author's offer.
  const lower = blankQuoted(lowerForMatching(text));

  for (const signal of COMPILED_PITCH) {
    const reason = check(text, lower, signal);
    if (reason) {
      reasons.push(reason);
      pitchWeight += reason.weight;
    }
  }
  // Discussion is only weighed against pitch signals; on its own it has nothing to offset.
  for (const signal of pitchWeight > 0 ? COMPILED_DISCUSSION : []) {
    const reason = check(text, lower, signal);
    if (reason) {
      reasons.push(reason);
      discussionCredit -= reason.weight;
    }
  }

  const score = round(pitchWeight - Math.min(discussionCredit, MAX_DISCUSSION_CREDIT));
  reasons.sort((a, b) => b.weight - a.weight);
  return { score, held: score >= threshold, reasons };
}
