import { describe, expect, it } from "vitest";
import { MAX_POST_LENGTH, excerptText, quoteMarkdown, renderMarkdown } from "~/forum/markdown.server";

/** Elements that could execute, load, restyle or submit must never appear in rendered HTML. */
const DANGEROUS = /<script|<iframe|<img|<style|<form|<input|<svg|<details|<object|<embed|<base|<meta|<link|<div|<b>/i;
/** Attributes that must never appear; checked on the tags only, with attribute values blanked. */
const DANGEROUS_ATTR = /\son\w+\s*=|\sstyle\s*=|\starget\s*=|\ssrc\s*=|\saction\s*=/i;
const BAD_SCHEME = /(?:javascript|vbscript|data):/i;

/** Every href in the output, entity-decoded and with whitespace/control chars removed (as a browser would). */
function hrefs(html: string): string[] {
  return [...html.matchAll(/\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) =>
    (m[1] ?? m[2] ?? m[3] ?? "")
      .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
      .replace(/&colon;/gi, ":")
      .replace(/&tab;|&newline;/gi, "")
      .replace(/&amp;/g, "&")
      .replace(/[\u0000-\u0020\u007f-\u009f]/g, ""),
  );
}

/** The output's tags only, attribute values blanked (so quoted text cannot fake or hide an attribute). */
function tagsOnly(html: string): string {
  return (html.match(/<[^>]*>/g) ?? []).map((tag) => tag.replace(/=\s*"[^"]*"/g, '=""')).join("");
}

function expectOnlySafeHrefs(html: string) {
  for (const href of hrefs(html)) {
    expect(href).toMatch(/^(?:https?:\/\/[^/]|mailto:|\/(?!\/)|[?#]|[^:/?#]+(?:[/?#]|$))/i);
    expect(href).not.toMatch(BAD_SCHEME);
  }
}

describe("renderMarkdown: hostile input", () => {
  it("the href checker itself rejects hostile hrefs", () => {
    for (const bad of ["javascript:x", "&#106;avascript:x", "jav&#x09;ascript:x", "java\tscript:x", "//evil.example", "data:text/html,x", "vbscript&colon;x"]) {
      expect(() => expectOnlySafeHrefs(`<a href="${bad}">x</a>`)).toThrow();
    }
    for (const ok of ["https://ok.example", "mailto:a@b.example", "/threads/1", "#top", "rel/path"]) {
      expect(() => expectOnlySafeHrefs(`<a href="${ok}">x</a>`)).not.toThrow();
    }
  });

  it.each<{ name: string; input: string; gone: RegExp; keeps?: string }>([
    { name: "script tag (content dropped too)", input: "before <script>alert(1)</script> after", gone: /<script|alert\(1\)/i, keeps: "after" },
    { name: "script in its own block", input: "<script>alert(1)</script>", gone: /<script|alert/i },
    { name: "img onerror", input: "<img src=x onerror=alert(1)>", gone: /<img|onerror|alert/i },
    { name: "markdown link javascript:", input: "[x](javascript:alert(1))", gone: /javascript|href|alert/i, keeps: "x" },
    { name: "mixed-case JaVaScRiPt:", input: "[x](JaVaScRiPt:alert(1))", gone: /javascript|href|alert/i, keeps: "x" },
    { name: "entity-encoded &#106;avascript:", input: "[x](&#106;avascript:alert(1))", gone: /avascript|href|alert/i, keeps: "x" },
    { name: "tab inside scheme (markdown)", input: "[x](java\tscript:alert(1))", gone: /href/i },
    { name: "data: URL", input: "[x](data:text/html;base64,PHNjcmlwdD4=)", gone: /data:|href|base64/i, keeps: "x" },
    { name: "raw anchor vbscript:", input: '<a href="vbscript:msgbox(1)">x</a>', gone: /vbscript|href|msgbox/i, keeps: "x" },
    { name: "raw anchor hex-entity javascript:", input: '<a href="&#x6A;avascript:alert(1)">e</a>', gone: /avascript|href/i, keeps: "e" },
    { name: "raw anchor tab-entity inside scheme", input: '<a href="jav&#x09;ascript:alert(1)">e</a>', gone: /ascript|href/i, keeps: "e" },
    { name: "raw anchor leading space + &colon;", input: '<a href=" javascript&colon;alert(1)">e</a>', gone: /javascript|href/i, keeps: "e" },
    { name: "raw anchor literal tab/newline in scheme", input: '<a href="java\tscr\nipt:alert(1)">e</a>', gone: /ipt:|href/i, keeps: "e" },
    { name: "iframe", input: "<iframe src=//evil></iframe>", gone: /<iframe|evil/i },
    { name: "div with style attribute", input: '<div style="position:fixed">covering text</div>', gone: /<div|style|position/i, keeps: "covering text" },
    { name: "style attribute on allowed tag", input: '<p style="color:red" class="x">p</p>', gone: /style|class|color/i, keeps: "<p>p</p>" },
    { name: "svg onload", input: "<svg onload=alert(1)>", gone: /<svg|onload|alert/i },
    { name: "allowed anchor with onclick", input: '<a href="https://ok.example" onclick="x()">ok</a>', gone: /onclick|x\(\)/i, keeps: 'href="https://ok.example"' },
    { name: "markdown image (tracking pixel)", input: "![img](https://tracker.example/p.gif)", gone: /<img|tracker|src=/i, keeps: "img" },
    { name: "raw img tracking pixel", input: '<img src="https://tracker.example/p.gif" width=1 height=1>', gone: /<img|tracker|src=/i },
    { name: "autolink javascript: (left as inert text)", input: "<javascript:alert(1)>", gone: /href|<a/i, keeps: "<p>javascript:alert(1)</p>" },
    { name: "autolink protocol-relative", input: "see <//evil.example/x>", gone: /href="\/\//i },
    { name: "markdown link protocol-relative", input: "[x](//evil.example)", gone: /href|evil/i, keeps: "x" },
    { name: "style element (content dropped)", input: "<style>body{display:none}</style>", gone: /<style|display/i },
    { name: "form + input", input: "<form action=//evil><input name=password></form>", gone: /<form|<input|action|password/i },
    { name: "details ontoggle", input: "<details open ontoggle=alert(1)>boo</details>", gone: /<details|ontoggle|alert/i, keeps: "boo" },
    { name: "reference-style link to javascript:", input: "[x][evil]\n\n[evil]: javascript:alert(1)", gone: /javascript|href|alert/i, keeps: "x" },
    { name: "reference-style link, encoded scheme", input: "[x][e]\n\n[e]: &#x6A;avascript:alert(1)", gone: /avascript|href|alert/i, keeps: "x" },
    { name: "link wrapping markup, bad scheme", input: '<a href="javascript:x"><strong>y</strong> z</a>', gone: /<a|href|javascript/i, keeps: "<strong>y</strong> z" },
    { name: "broken-up script tag", input: "<scr<script>ipt>alert(1)</script>", gone: /<script|<scr(?!ipt>)|alert/i },
    { name: "noscript attribute-breakout", input: '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', gone: /<img|onerror|alert/i },
    { name: "math/mglyph/style mutation", input: "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", gone: /<math|<mglyph|<img|onerror/i },
    { name: "HTML comment hiding markup", input: "<!-- <img src=x onerror=alert(1)> -->ok", gone: /<!--|<img|onerror/i, keeps: "ok" },
    { name: "CDATA", input: "<![CDATA[<img src=x onerror=alert(1)>]]>", gone: /<img|onerror|CDATA/i },
    { name: "title attribute breakout", input: '[a](https://ok.example "t\\" onmouseover=\\"x")', gone: /"\s*onmouseover/i, keeps: 'title="t&quot; onmouseover=&quot;x"' },
    { name: "target=_blank and rel=opener", input: '<a href="https://ok.example" target="_blank" rel="opener">t</a>', gone: /target|"opener"/i, keeps: 'rel="nofollow noopener noreferrer"' },
    { name: "object/embed/base/meta/link", input: '<object data="x"></object><embed src=x><base href=//evil><meta http-equiv=refresh content="0;url=//evil"><link rel=stylesheet href=//evil>', gone: /<object|<embed|<base|<meta|<link|evil|refresh/i },
    { name: "code class injection", input: '<code class="evil language-js">c</code>', gone: /evil/i, keeps: '<code class="language-js">c</code>' },
    { name: "fence info-string injection", input: '```" onmouseover=x\nz\n```', gone: /onmouseover|class=/i, keeps: "<pre><code>z" },
  ])("$name", ({ input, gone, keeps }) => {
    const html = renderMarkdown(input);
    expect(html).not.toMatch(gone);
    expect(html).not.toMatch(DANGEROUS);
    expect(tagsOnly(html)).not.toMatch(DANGEROUS_ATTR);
    expect((html.match(/<[^>]*>/g) ?? []).join("")).not.toMatch(BAD_SCHEME); // in markup; inert text may mention it
    expectOnlySafeHrefs(html);
    if (keeps !== undefined) expect(html).toContain(keeps);
  });

  it("raw HTML tags outside the allow-list are discarded, their text kept escaped", () => {
    expect(renderMarkdown("<b>bold</b> and <u>under</u>")).toBe("<p>bold and under</p>");
    expect(renderMarkdown("a <span>1 < 2</span> & b")).toBe("<p>a 1 &lt; 2 &amp; b</p>");
  });

  it("never emits an image element, whatever the syntax", () => {
    for (const input of ["![a](x.png)", "![a][r]\n\n[r]: https://t.example/p.gif", "<img src=x>", "<picture><source srcset=x></picture>"]) {
      expect(renderMarkdown(input)).not.toMatch(/<img|<picture|<source|srcset|src=/i);
    }
  });
});

describe("renderMarkdown: what a post may contain", () => {
  it.each<{ name: string; input: string; expected: string | RegExp }>([
    { name: "bold", input: "**bold**", expected: "<strong>bold</strong>" },
    { name: "italic", input: "*it* and _it_", expected: "<em>it</em> and <em>it</em>" },
    { name: "strikethrough (GFM)", input: "~~old~~", expected: "<del>old</del>" },
    { name: "inline code is escaped", input: "`a < b && <i>`", expected: "<code>a &lt; b &amp;&amp; &lt;i&gt;</code>" },
    { name: "bullet list", input: "- one\n- two", expected: /<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/ },
    { name: "ordered list keeps start", input: "3. three\n4. four", expected: /<ol start="3">\s*<li>three<\/li>/ },
    { name: "task list becomes text", input: "- [x] done\n- [ ] todo", expected: /<li>\[x\] done<\/li>\s*<li>\[ \] todo<\/li>/ },
    { name: "fenced code block with language", input: "```ts\nconst a = 1 < 2;\n```", expected: '<pre><code class="language-ts">const a = 1 &lt; 2;\n</code></pre>' },
    { name: "indented code block", input: "    <script>x</script>", expected: "<pre><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>" },
    { name: "table with alignment", input: "| a | b |\n|:-|-:|\n| 1 | 2 |", expected: /<table>\s*<thead>\s*<tr>\s*<th align="left">a<\/th>\s*<th align="right">b<\/th>[\s\S]*<tbody><tr>\s*<td align="left">1<\/td>/ },
    { name: "blockquote", input: "> quoted", expected: /<blockquote>\s*<p>quoted<\/p>\s*<\/blockquote>/ },
    { name: "single newline is a <br> (breaks: true)", input: "line one\nline two", expected: /<p>line one<br \/>line two<\/p>/ },
    { name: "horizontal rule", input: "a\n\n---\n\nb", expected: /<hr \/>/ },
    { name: "# heading becomes h3", input: "# Heading", expected: "<h3>Heading</h3>" },
    { name: "## heading becomes h3", input: "## Sub", expected: "<h3>Sub</h3>" },
    { name: "setext headings become h3", input: "Big\n===\n\nSmaller\n---", expected: /<h3>Big<\/h3>\s*<h3>Smaller<\/h3>/ },
    { name: "### stays h3, #### h4, ##### h5", input: "### a\n#### b\n##### c", expected: /<h3>a<\/h3>\s*<h4>b<\/h4>\s*<h5>c<\/h5>/ },
    { name: "###### folds into h5", input: "###### tiny", expected: "<h5>tiny</h5>" },
    { name: "raw <h1> becomes h3", input: "<h1>raw</h1>", expected: "<h3>raw</h3>" },
    { name: "https link", input: "[site](https://ok.example/a?b=1&c=2)", expected: '<a href="https://ok.example/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">site</a>' },
    { name: "mailto link", input: "[mail](mailto:ceo@ok.example)", expected: '<a href="mailto:ceo@ok.example" rel="nofollow noopener noreferrer">mail</a>' },
    { name: "relative link", input: "[thread](/threads/42)", expected: '<a href="/threads/42" rel="nofollow noopener noreferrer">thread</a>' },
    { name: "link title kept", input: '[t](https://ok.example "Title")', expected: 'title="Title"' },
    { name: "angle autolink", input: "<https://ok.example/x>", expected: '<a href="https://ok.example/x" rel="nofollow noopener noreferrer">https://ok.example/x</a>' },
    { name: "bare URL autolink (GFM)", input: "see https://ok.example now", expected: '<a href="https://ok.example" rel="nofollow noopener noreferrer">https://ok.example</a>' },
    { name: "www autolink (GFM)", input: "www.ok.example", expected: '<a href="http://www.ok.example" rel="nofollow noopener noreferrer">www.ok.example</a>' },
    { name: "email autolink (GFM)", input: "ceo@ok.example", expected: '<a href="mailto:ceo@ok.example" rel="nofollow noopener noreferrer">ceo@ok.example</a>' },
  ])("$name", ({ input, expected }) => {
    const html = renderMarkdown(input);
    if (typeof expected === "string") expect(html).toContain(expected);
    else expect(html).toMatch(expected);
    expect(html).not.toMatch(DANGEROUS);
    expect(tagsOnly(html)).not.toMatch(DANGEROUS_ATTR);
    expect(html).not.toMatch(/<h[126]/i);
  });

  it("every link carries rel=nofollow noopener noreferrer and no target", () => {
    const html = renderMarkdown(
      '[a](https://a.example) <a href="https://b.example" target="_blank">b</a> https://c.example <mailto:d@e.example>',
    );
    const anchors = html.match(/<a\b[^>]*>/g) ?? [];
    expect(anchors).toHaveLength(4);
    for (const a of anchors) {
      expect(a).toContain('rel="nofollow noopener noreferrer"');
      expect(a).not.toMatch(/target/i);
    }
    expectOnlySafeHrefs(html);
  });

  it("handles CRLF, empty input and a max-length post", () => {
    expect(renderMarkdown("a\r\nb")).toBe("<p>a<br />b</p>");
    expect(renderMarkdown("")).toBe("");
    const big = "word ".repeat(MAX_POST_LENGTH / 5);
    expect(big.length).toBe(MAX_POST_LENGTH);
    expect(renderMarkdown(big)).toMatch(/^<p>word word/);
  });

  it("is deterministic (rendered once, stored)", () => {
    const src = "# T\n\n**x** [l](https://ok.example)\n\n```js\n1\n```";
    expect(renderMarkdown(src)).toBe(renderMarkdown(src));
  });
});

describe("quoteMarkdown", () => {
  it("builds a blockquote with the author line and every line prefixed", () => {
    const q = quoteMarkdown("Ada Lovelace", "First line\nSecond line\n\nNew paragraph");
    expect(q).toBe("> **Ada Lovelace wrote:**\n> First line\n> Second line\n>\n> New paragraph\n\n");
    for (const line of q.trimEnd().split("\n")) expect(line).toMatch(/^>( |$)/);
  });

  it("drops nested quotes and collapses the gaps they leave", () => {
    const q = quoteMarkdown("Bo", "> older quote\n>> older still\n\n\n\nMy reply\r\n  > indented quote\nend");
    expect(q).not.toMatch(/older|indented/);
    expect(q).toBe("> **Bo wrote:**\n> My reply\n> end\n\n");
  });

  it("caps the quoted text to ~600 characters with an ellipsis, at a word boundary", () => {
    const q = quoteMarkdown("Cy", "lorem ipsum ".repeat(200));
    const body = q.replace(/^> \*\*Cy wrote:\*\*\n> /, "").trimEnd();
    expect(body.length).toBeLessThanOrEqual(600);
    expect(body.length).toBeGreaterThan(500);
    expect(body.endsWith("…")).toBe(true);
    expect(body).toMatch(/(lorem|ipsum)…$/);
  });

  it("leaves short text uncut", () => {
    expect(quoteMarkdown("D", "short")).not.toContain("…");
  });

  it("escapes Markdown in the author's name", () => {
    const q = quoteMarkdown("[Eve](javascript:alert(1)) *", "hi");
    expect(q.split("\n")[0]).toBe("> **\\[Eve\\]\\(javascript:alert\\(1\\)\\) \\* wrote:**");
    const html = renderMarkdown(q);
    expect(html).not.toMatch(/href/);
    expect(html).toContain("<strong>[Eve](javascript:alert(1)) * wrote:</strong>");
  });

  it("renders as a single blockquote", () => {
    const html = renderMarkdown(quoteMarkdown("Fay", "**bold** point\nsecond"));
    expect(html).toMatch(/^<blockquote>\s*<p><strong>Fay wrote:<\/strong><br \/><strong>bold<\/strong> point<br \/>second<\/p>\s*<\/blockquote>$/);
  });

  it("handles an empty or quote-only body", () => {
    expect(quoteMarkdown("G", "")).toBe("> **G wrote:**\n\n");
    expect(quoteMarkdown("G", "> only a quote")).toBe("> **G wrote:**\n\n");
  });
});

describe("excerptText", () => {
  it.each<{ name: string; input: string; expected: string }>([
    { name: "headings", input: "# Title\n## Sub ##\nbody", expected: "Title Sub body" },
    { name: "emphasis and strikethrough", input: "**bold** *it* _it_ __b__ ~~del~~", expected: "bold it it b del" },
    { name: "snake_case survives", input: "call my_func_name now", expected: "call my_func_name now" },
    { name: "links become their text", input: "see [the doc](https://x.example/d) and [ref][1]\n\n[1]: https://y.example", expected: "see the doc and ref" },
    { name: "images become alt text", input: "![chart](c.png) done", expected: "chart done" },
    { name: "autolinks keep the URL", input: "<https://x.example>", expected: "https://x.example" },
    { name: "code fences removed, inline code unwrapped", input: "before\n```js\nsecret()\n```\nuse `npm ci` after", expected: "before use npm ci after" },
    { name: "tilde fences removed", input: "a\n~~~\nhidden\n~~~\nb", expected: "a b" },
    { name: "blockquotes", input: "> quoted\n>> deeper\nplain", expected: "quoted deeper plain" },
    { name: "lists and task boxes", input: "- one\n* two\n1. three\n- [x] four", expected: "one two three four" },
    { name: "tables", input: "| a | b |\n|---|:-:|\n| c | d |", expected: "a b c d" },
    { name: "raw HTML tags", input: "<b>bold</b> <script>x</script>", expected: "bold x" },
    { name: "horizontal rules", input: "a\n\n---\n\nb\n***\nc", expected: "a b c" },
    { name: "backslash escapes stay literal", input: "\\*not emphasis\\* 2\\_000", expected: "*not emphasis* 2_000" },
    { name: "whitespace collapsed", input: "  a \n\n\t b  ", expected: "a b" },
  ])("$name", ({ input, expected }) => {
    expect(excerptText(input)).toBe(expected);
  });

  it("cuts at a word boundary with an ellipsis, within max", () => {
    const text = "alpha beta gamma delta ".repeat(40);
    const ex = excerptText(text);
    expect(ex.length).toBeLessThanOrEqual(200);
    expect(ex.length).toBeGreaterThan(150);
    expect(ex).toMatch(/(alpha|beta|gamma|delta)…$/);
    expect(excerptText(text, 30)).toBe("alpha beta gamma delta alpha…");
  });

  it("does not cut text that fits", () => {
    expect(excerptText("short post", 200)).toBe("short post");
    expect(excerptText("x".repeat(200), 200)).toBe("x".repeat(200));
  });

  it("cuts a long unbroken word hard and never splits a surrogate pair", () => {
    expect(excerptText("y".repeat(500), 50)).toBe("y".repeat(49) + "…");
    const emoji = excerptText("😀".repeat(100), 10);
    expect(emoji.endsWith("…")).toBe(true);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
