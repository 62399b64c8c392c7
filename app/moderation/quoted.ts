// Reported speech: the stretches of a post inside quotation marks. A member who writes
//   Got this in a DM today: "two design-partner spots left, book a call"
// is reporting someone else's pitch, usually to complain or to warn, so the pitch check reads quoted
// words apart from the author's own: the rules (pitch.ts) do not fire on them, and the model
// (pitch-model.ts) gives quoted words and word pairs features of their own, so it learns from the
// labelled posts how much a quoted "half off" weighs, rather than counting it as the author's offer.
// A pitch that quotes a testimonial still makes its offer in its own words, outside the quotes.
//
// Quotes are "…", “…” and ‘…’, and '…' when the opening mark follows a space or punctuation and the
// closing one is not followed by a letter (so apostrophes in "don't" or "members'" open nothing).
// A quote runs at most 400 characters and does not cross a line break; an unclosed mark quotes nothing.
// Pure, and linear in the length of the post.

const QUOTE = /"([^"\n]{1,400})"|“([^”\n]{1,400})”|‘([^’\n]{1,400})’|(?<![\p{L}\p{N}'])'(?=[^\s'])([^'\n]{1,400}?)'(?![\p{L}\p{N}])/gu;

/** The [start, end) offsets of each quoted stretch of the text, quotation marks excluded, in order. */
export function quotedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(QUOTE)) spans.push([m.index + 1, m.index + m[0].length - 1]);
  return spans;
}

/** The text with every quoted stretch replaced by spaces (same length, so offsets still point into the original). */
export function blankQuoted(text: string): string {
  const spans = quotedSpans(text);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + " ".repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
}
