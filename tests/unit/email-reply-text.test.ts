// Quoted history and signatures stripped from emailed replies: the shapes Gmail, Outlook and Apple Mail
// write (whole messages in tests/fixtures/inbound/, parsed by mailparser as the server does), and a table.
import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { stripQuotedReply } from "../../app/platform/email-reply-text";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/inbound", name), "utf8")
  .replaceAll("{{FROM}}", "priya@contoso.example").replaceAll("{{TO}}", "reply+t1.2.0123456789abcdef0123456789abcdef@reply.council.test")
  .replaceAll("{{REFERENCES}}", "thread-2.1@localhost").replaceAll("{{ID}}", "1");
const REPLY = "Thanks Maya, that is useful. We tried a follow-the-sun rota too and kept one person on call in New York at weekends.";

describe("replies from real mail apps", () => {
  it.each([
    ["Gmail (attribution line wrapped over two lines, > quotes)", "gmail-reply.eml", `Thanks Maya, that is useful. We tried a follow-the-sun rota too and kept one\nperson on call in New York at weekends.\n\nPriya`],
    ["Outlook (rule line, From:/Sent:/To:/Subject: block)", "outlook-reply.eml", `${REPLY}\n\nBest regards,\nPriya`],
    ["Apple Mail on iPhone (Sent from my iPhone, then > On … wrote:)", "apple-mail-reply.eml", REPLY],
  ])("%s", async (_, file, expected) => {
    const mail = await simpleParser(fixture(file));
    expect(stripQuotedReply(mail.text ?? "")).toBe(expected);
  });
});

describe("stripQuotedReply", () => {
  it.each([
    ["plain text stays", "Agreed.\n\nSecond paragraph.", "Agreed.\n\nSecond paragraph."],
    ["CRLF and trailing space", "Agreed.\r\n\r\n", "Agreed."],
    ["-- signature delimiter", "Agreed.\n-- \nPriya Raman\nVP Social", "Agreed."],
    ["Outlook classic Original Message", "Yes.\n\n-----Original Message-----\nFrom: Council", "Yes."],
    ["Outlook From/Sent block without a rule", "Yes.\n\nFrom: Council <council@x>\nSent: Tuesday\nTo: me", "Yes."],
    ["a From: line in the text itself is kept", "From: my side, yes.\nThanks.", "From: my side, yes.\nThanks."],
    ["single-line Gmail attribution", "Yes.\n\nOn Tue, Dec 1, 2026 at 5:12 PM Council <c@x> wrote:\n> old", "Yes."],
    ["French attribution", "Oui.\n\nLe mar. 1 déc. 2026 à 17:12, Council <c@x> a écrit :\n> old", "Oui."],
    ["bottom quote with no attribution", "Yes.\n\n> old text\n> more", "Yes."],
    ["interleaved quotes keep the answer below", "> question one?\nanswer one\n> question two?\nanswer two", "> question one?\nanswer one\n> question two?\nanswer two"],
    ["Sent from Outlook for iOS", "Yes.\n\nSent from Outlook for iOS", "Yes."],
    ["only quoted history", "On Tue, Dec 1, 2026 at 5:12 PM Council wrote:\n> old", ""],
  ])("%s", (_, input, expected) => {
    expect(stripQuotedReply(input)).toBe(expected);
  });
});
