// Finding 5 of the security probe: only http(s) addresses are stored, and only they become links.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { isWebUrl } from "../../app/platform/web-url";
import { applySchema } from "../../app/membership/schemas/apply";
import { gatheringSchema } from "../../app/governance/schemas/chapters";
import { WebLink } from "../../app/components/web-link";
import { parseEnv } from "../../app/platform/env.server";

const refused = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://files.example/x", "mailto:a@b.example", "//evil.example", "/relative", "https://", "not a url"];
const accepted = ["https://www.linkedin.com/in/priya", "http://example.com/a?b=1#c", "HTTPS://EXAMPLE.COM"];

describe("isWebUrl", () => {
  it.each(refused)("refuses %j", (value) => expect(isWebUrl(value)).toBe(false));
  it.each(accepted)("accepts %j", (value) => expect(isWebUrl(value)).toBe(true));
});

const applicant = {
  name: "Priya Raman", email: "priya@contoso.example", title: "VP Social", company: "Contoso", roleLevel: "vp",
  socialResponsibility: "yes", socialResponsibilityNote: "I own our social strategy.", memberType: "executive",
};
const gathering = { title: "Winter dinner", startsAt: "2027-01-10T18:30", place: "" };

describe("stored addresses are http(s) only", () => {
  it.each(refused.filter((v) => v.trim() !== ""))("an applicant's profile URL %j is refused with a message", (profileUrl) => {
    const result = applySchema.safeParse({ ...applicant, profileUrl });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain("profileUrl");
  });
  it.each(refused.filter((v) => v.trim() !== ""))("a gathering's link %j is refused", (link) => {
    expect(gatheringSchema.safeParse({ ...gathering, link }).success).toBe(false);
  });
  it.each(accepted)("%j is kept", (url) => {
    expect(applySchema.parse({ ...applicant, profileUrl: url }).profileUrl).toBe(url);
    expect(gatheringSchema.parse({ ...gathering, link: url }).link).toBe(url);
  });
  it("an empty profile URL and an empty link mean none", () => {
    expect(applySchema.parse({ ...applicant, profileUrl: "" }).profileUrl).toBeUndefined();
    expect(gatheringSchema.parse({ ...gathering, place: "Club", link: "" }).link).toBeNull();
  });
  it("PUBLIC_URL must be http(s)", () => {
    expect(() => parseEnv({ COUNCIL_MODE: "demo", PUBLIC_URL: "javascript:alert(1)" })).toThrow(/PUBLIC_URL/);
  });
});

describe("WebLink renders only http(s) addresses as links", () => {
  it.each(refused)("%j is plain text", (href) => {
    const html = renderToStaticMarkup(createElement(WebLink, { href, nofollow: true }));
    expect(html).not.toContain("<a");
  });
  it("an https address is a link that neither leaks the referrer nor passes on ranking", () => {
    expect(renderToStaticMarkup(createElement(WebLink, { href: "https://example.com/p", nofollow: true })))
      .toBe('<a href="https://example.com/p" rel="noopener noreferrer nofollow" target="_blank">https://example.com/p</a>');
  });
});
