// Turns what a member types into the search box into a safe SQLite FTS5 query, and search snippets
// into safe HTML. Pure: no I/O, shared by the server and tests.
//
// Supported: words (all must match), "exact phrases", and prefix* (at least 2 letters before the
// star). Everything else is plain text: FTS5 operators (AND, OR, NOT, NEAR), column filters (title:),
// parentheses, carets and minus signs never reach FTS5 as syntax, because every term is emitted as a
// double-quoted string built only from letters and digits.

export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_TERMS = 12;
const MIN_PREFIX = 2;

export type SearchTerm = { words: string[]; prefix: boolean; phrase: boolean };
/** `fts`: the SQLite FTS5 query; `tsquery`: the same query for PostgreSQL's to_tsquery (null when empty). */
export type ParsedQuery = { terms: SearchTerm[]; fts: string | null; tsquery: string | null };

/** Letters and digits of any script (FTS5's unicode61 tokenizer splits on everything else). */
const wordsOf = (text: string) => text.normalize("NFC").split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);

export function parseSearchQuery(input: string): ParsedQuery {
  const text = input.slice(0, MAX_QUERY_LENGTH).replace(/[\uE000-\uF8FF]/g, " ");
  const terms: SearchTerm[] = [];
  // Quoted phrases ("..." — an unbalanced quote runs to the end), or runs of non-space characters.
  const chunk = /"([^"]*)"?|([^\s"]+)/g;
  let match: RegExpExecArray | null;
  while ((match = chunk.exec(text)) && terms.length < MAX_QUERY_TERMS) {
    const quoted = match[1] !== undefined;
    const raw = quoted ? match[1]! : match[2]!;
    const words = wordsOf(raw);
    if (!words.length) continue;
    const last = words[words.length - 1]!;
    const prefix = !quoted && /\*+$/.test(raw) && [...last].length >= MIN_PREFIX;
    terms.push({ words, prefix, phrase: quoted || words.length > 1 });
  }
  return { terms, fts: terms.length ? terms.map(toFts).join(" ") : null, tsquery: terms.length ? terms.map(toTsQuery).join(" & ") : null };
}

// Words are letters/digits only, so no quote can appear inside; doubling is defence in depth.
const toFts = (t: SearchTerm) => `"${t.words.join(" ").replace(/"/g, '""')}"${t.prefix ? "*" : ""}`;

// PostgreSQL: every word a quoted lexeme, a phrase's words joined by <-> (followed by), a prefix as :*.
// Words are letters/digits only, so no quote or operator can appear inside; doubling is defence in depth.
const toTsQuery = (t: SearchTerm) => {
  const words = t.words.map((w) => `'${w.toLowerCase().replace(/'/g, "''")}'`);
  if (t.prefix) words[words.length - 1] += ":*";
  return words.length > 1 ? `(${words.join(" <-> ")})` : words[0]!;
};

/** The query as the member will read it back ("customer" "care"* → customer care*). */
export function describeQuery(parsed: ParsedQuery): string {
  return parsed.terms.map((t) => (t.phrase ? `"${t.words.join(" ")}"` : t.words[0]!) + (t.prefix ? "*" : "")).join(" ");
}

// ---- snippets -------------------------------------------------------------------------------------

/** Private-use characters that FTS5's snippet() puts around each hit (never part of indexed text). */
export const MARK_OPEN = "\uE000";
export const MARK_CLOSE = "\uE001";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * A snippet from FTS5 (plain user text with MARK_OPEN/MARK_CLOSE around hits) → HTML in which
 * everything is escaped and only the hits are wrapped in <mark>. Unbalanced markers are ignored.
 */
export function snippetToHtml(snippet: string): string {
  let html = "";
  let open = false;
  for (const part of snippet.split(/([\uE000\uE001])/)) {
    if (part === MARK_OPEN) {
      if (!open) html += "<mark>";
      open = true;
    } else if (part === MARK_CLOSE) {
      if (open) html += "</mark>";
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? html + "</mark>" : html;
}
