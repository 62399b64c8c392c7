import { describe, expect, it } from "vitest";
import { describeQuery, MAX_QUERY_TERMS, parseSearchQuery, snippetToHtml } from "../../app/forum/search-query";

describe("parseSearchQuery", () => {
  it.each([
    ["customer care", '"customer" "care"'],
    ["  Customer   CARE  ", '"Customer" "CARE"'],
    ['"social customer care" roi', '"social customer care" "roi"'],
    ["measur*", '"measur"*'],
    ["measur** retention", '"measur"* "retention"'],
    ["a*", '"a"'], // one letter is too short to be a prefix
    ["*", null],
    ["***  ---", null],
    ["", null],
    ["   ", null],
    // unbalanced quotes: the phrase runs to the end
    ['"social care', '"social care"'],
    ['care "', '"care"'],
    ['""', null],
    ['" " "', null],
    // FTS5 syntax is plain text
    ["NEAR(", '"NEAR"'],
    ["NEAR(social care, 5)", '"NEAR social" "care" "5"'], // punctuation inside a word joins a phrase, as the index saw it
    ["social AND care OR NOT roi", '"social" "AND" "care" "OR" "NOT" "roi"'],
    ["-care", '"care"'],
    ["social -care", '"social" "care"'],
    ["title:roi", '"title roi"'],
    ["body : roi", '"body" "roi"'],
    ["{title body}: roi", '"title" "body" "roi"'],
    ["^roi", '"roi"'],
    ["(roi)", '"roi"'],
    ["roi + nps", '"roi" "nps"'],
    ["e-mail", '"e mail"'],
    ["snake_case", '"snake case"'],
    ["it's", '"it s"'],
    ["don't*", '"don t"'], // prefix only applies when the last word has 2+ letters
    ["O'Brien*", '"O Brien"*'],
    ["'; DROP TABLE posts; --", '"DROP" "TABLE" "posts"'],
    // unicode
    ["Zürich café", '"Zürich" "café"'],
    ["東京 渋谷", '"東京" "渋谷"'],
    ["naïve*", '"naïve"*'],
    ["emoji 🎉 party", '"emoji" "party"'],
    ["\uE000mark\uE001", '"mark"'],
    ["\u0000null", '"null"'],
  ])("%j → %j", (input, fts) => {
    expect(parseSearchQuery(input).fts).toBe(fts);
  });

  it("keeps at most a dozen terms and 200 characters", () => {
    expect(parseSearchQuery("w ".repeat(50)).terms).toHaveLength(MAX_QUERY_TERMS);
    expect(parseSearchQuery("x".repeat(500)).terms[0]!.words[0]).toHaveLength(200);
  });

  it("never lets a double quote into a term", () => {
    for (const input of ['a"b', '"a""b"', '"""', 'x"*"y', '\\"a\\"']) {
      const { fts } = parseSearchQuery(input);
      // every quote in the output is a term delimiter: strip the well-formed terms and nothing is left
      expect((fts ?? "").replace(/"[^"]*"\*?/g, "").trim()).toBe("");
    }
  });

  it("reads the query back to the member", () => {
    expect(describeQuery(parseSearchQuery('"social care" measur* roi'))).toBe('"social care" measur* roi');
  });
});

describe("snippetToHtml", () => {
  it.each([
    ["plain text", "plain text"],
    ["the \uE000care\uE001 team", "the <mark>care</mark> team"],
    ["<script>alert(1)</script> \uE000roi\uE001", "&lt;script&gt;alert(1)&lt;/script&gt; <mark>roi</mark>"],
    ['a & b "c" \'d\'', "a &amp; b &quot;c&quot; &#39;d&#39;"],
    ["\uE000<b>bold</b>\uE001", "<mark>&lt;b&gt;bold&lt;/b&gt;</mark>"],
    ["unclosed \uE000hit", "unclosed <mark>hit</mark>"],
    ["stray \uE001close", "stray close"],
    ["\uE000\uE000twice\uE001\uE001", "<mark>twice</mark>"],
    ["<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
  ])("%j → %j", (snippet, html) => {
    expect(snippetToHtml(snippet)).toBe(html);
  });
});
