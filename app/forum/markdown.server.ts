/**
 * Markdown for posts: rendered ONCE at write time, then stored and served as is.
 *
 * Pipeline: `marked` (GFM, `breaks`, synchronous, dedicated instance) -> `sanitize-html` with a strict
 * allow-list. The sanitizer is the security boundary: whatever marked emits (including raw HTML the
 * author typed, which marked passes through) is re-parsed and re-serialised by sanitize-html, so only
 * allow-listed elements/attributes/URL schemes can ever reach the stored HTML.
 */
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

/** Maximum length (characters) of a post body. Validate input against this before rendering. */
export const MAX_POST_LENGTH = 20_000;

const LINK_REL = "nofollow noopener noreferrer";

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * Dedicated instance: never touches the global `marked` defaults other modules might configure.
 * The renderer overrides are cosmetic (the sanitizer would drop <img>/<input> anyway), they just keep
 * the author's intent readable: an image becomes its alt text, a task-list checkbox becomes "[x] ".
 */
const md = new Marked({
  async: false,
  gfm: true,
  breaks: true,
  renderer: {
    // No images at all (tracking-pixel vector): render the alt text only, escaped.
    image({ text }) {
      return escapeHtml(text);
    },
    checkbox({ checked }) {
      return checked ? "[x] " : "[ ] ";
    },
  },
});

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "hr", "table", "thead", "tbody", "tr", "th", "td",
  ],
  // Disallowed tags vanish but their text is kept (escaped); the content of sanitize-html's default
  // nonTextTags (script, style, textarea, option, xmp) is dropped entirely.
  disallowedTagsMode: "discard",
  allowedAttributes: {
    a: ["href", "title", "rel"],
    code: ["class"],
    ol: ["start"],
    th: [{ name: "align", values: ["left", "center", "right"] }],
    td: [{ name: "align", values: ["left", "center", "right"] }],
  },
  // Fenced-code language hint only (marked emits class="language-xxx"); anchored, no odd characters.
  allowedClasses: { code: [/^language-[\w#+.-]{1,40}$/] },
  allowedStyles: {},
  parseStyleAttributes: false,
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  allowedIframeHostnames: [],
  allowVulnerableTags: false,
  enforceHtmlBoundary: false,
  transformTags: {
    // A post cannot shout over the page: h1/h2 become h3; h6 is folded into h5.
    h1: "h3",
    h2: "h3",
    h6: "h5",
    // Every link: fixed rel, no target (target is also absent from allowedAttributes).
    a: (_tagName, attribs) => {
      const { target: _target, rel: _rel, ...rest } = attribs;
      return { tagName: "a", attribs: { ...rest, rel: LINK_REL } };
    },
  },
  // A link whose href was rejected (bad scheme, protocol-relative...) is unwrapped to its text.
  exclusiveFilter: (frame) => (frame.tag === "a" && !frame.attribs.href ? "excludeTag" : false),
};

/** Markdown -> safe HTML fragment (string), ready to be stored and served verbatim. */
export function renderMarkdown(markdown: string): string {
  const html = md.parse(markdown.replace(/\r\n?/g, "\n"), { async: false });
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}

/** Backslash-escape Markdown punctuation so a display name renders literally. */
function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~&-]/g, "\\$&").replace(/\s+/g, " ").trim();
}

/** Cut `text` to at most `max` characters (ellipsis included), preferring a word boundary. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const lastSpace = cut.search(/\s\S*$/);
  if (lastSpace > max * 0.5) cut = cut.slice(0, lastSpace);
  // Never leave half a surrogate pair behind.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.replace(/[\s,;:.\-–—]+$/, "") + "…";
}

const QUOTE_MAX = 600;

/**
 * A Markdown blockquote quoting `markdown` by `authorName`, for pre-filling a reply:
 *
 *     > **Alice wrote:**
 *     > first line
 *     > second line
 *
 * Nested quotes (lines already starting with ">") are dropped, blank runs collapsed, and the quoted
 * text capped to ~600 characters with "…". Ends with a blank line so the reply can follow directly.
 */
export function quoteMarkdown(authorName: string, markdown: string): string {
  const lines = markdown
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .filter((line) => !/^\s*>/.test(line))
    .map((line) => line.replace(/\s+$/, ""));
  const body = cutAtWord(lines.join("\n").replace(/\n{3,}/g, "\n\n").trim(), QUOTE_MAX);
  const name = escapeMarkdownInline(authorName) || "Someone";
  const quoted = [`**${name} wrote:**`, ...(body ? body.split("\n") : [])]
    .map((line) => (line === "" ? ">" : `> ${line}`))
    .join("\n");
  return `${quoted}\n\n`;
}

const ESCAPE_BASE = 0xe000; // Private Use Area: ASCII punctuation parked at U+E021..U+E07E.

/**
 * Rough plain-text excerpt of a Markdown post (for listings, notifications, meta descriptions).
 * Returns PLAIN TEXT, not HTML: escape it when inserting into markup (React does this for you).
 * The result is at most `max` characters, "…" included when cut.
 */
export function excerptText(markdown: string, max = 200): string {
  const text = markdown
    .replace(/\r\n?/g, "\n")
    .replace(/[\uE000-\uE07F]/g, "")
    // Fenced code blocks (``` or ~~~), contents included; an unclosed fence runs to the end.
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm, " ")
    // Backslash escapes: park the escaped character out of reach of the marker-stripping below.
    .replace(/\\([!-/:-@[-`{-~])/g, (_, ch: string) => String.fromCharCode(ESCAPE_BASE + ch.charCodeAt(0)))
    // Autolinks -> the URL (before tags are stripped).
    .replace(/<((?:https?|mailto):[^>\s]*)>/gi, "$1")
    // HTML comments and tags.
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<\/?[a-zA-Z][^>]*>/g, " ")
    // Reference definitions: [id]: url "title"
    .replace(/^ {0,3}\[[^\]\n]+\]:[^\n]*$/gm, " ")
    // Images -> alt text; links -> their text (inline, reference, collapsed).
    .replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, "$1")
    .replace(/!\[([^\]\n]*)\]\[[^\]\n]*\]/g, "$1")
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, "$1")
    .replace(/\[([^\]\n]*)\]\[[^\]\n]*\]/g, "$1")
    // Block markers: headings, setext underlines / rules, blockquotes, list bullets, task boxes, tables.
    .replace(/^ {0,3}#{1,6}(?:[ \t]+|$)/gm, "")
    .replace(/[ \t]+#+[ \t]*$/gm, "")
    .replace(/^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$/gm, " ")
    .replace(/^(?:[ \t]*>)+[ \t]?/gm, "")
    .replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, "")
    .replace(/^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/gm, " ")
    .replace(/[ \t]*\|[ \t]*/g, " ")
    // Inline code and emphasis markers (word-internal underscores such as snake_case are kept).
    .replace(/`+([^`\n]*)`+/g, "$1")
    .replace(/\*\*|~~|\*/g, "")
    .replace(/(^|[^\p{L}\p{N}_])_+|_+(?=[^\p{L}\p{N}_]|$)/gu, "$1")
    // Restore the backslash-escaped characters, literally.
    .replace(/[\uE000-\uE07F]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - ESCAPE_BASE))
    .replace(/\s+/g, " ")
    .trim();
  return cutAtWord(text, max);
}
