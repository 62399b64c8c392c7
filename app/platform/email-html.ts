// The HTML part of Council's emails, beside the plain text: one small layout with inline styles only
// (mail apps drop <style> and CSP-free pages are not a thing in email), no remote images or trackers,
// and colours that stay readable when a mail app inverts them for dark mode (no background set on
// the text, one mid-tone accent, `color-scheme: light dark`).

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5";
const MUTED = "color:#6b7280;font-size:14px";
export const EMAIL_STYLES = {
  heading: "margin:24px 0 8px;font-size:18px;line-height:1.3",
  quote: "margin:8px 0 16px;padding:0 0 0 12px;border-left:3px solid #9ca3af;white-space:pre-wrap",
  link: "color:#2563eb",
  muted: MUTED,
} as const;

/** Paragraphs of plain text as HTML (escaped; line breaks kept). */
export const textToHtml = (text: string) =>
  text.split(/\n{2,}/).map((p) => `<p style="margin:0 0 12px">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("\n");

export const htmlLink = (href: string, label: string) => `<a href="${escapeHtml(href)}" style="${EMAIL_STYLES.link}">${escapeHtml(label)}</a>`;

/** A whole HTML email: the body's HTML (already escaped by the caller) and a muted footer. */
export function emailHtml(o: { title: string; body: string; footer: string }): string {
  return [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    `<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">`,
    `<title>${escapeHtml(o.title)}</title></head>`,
    `<body style="margin:0;padding:0"><div style="max-width:600px;margin:0 auto;padding:16px;${FONT}">`,
    o.body,
    `<hr style="border:0;border-top:1px solid #9ca3af;margin:24px 0 12px">`,
    `<div style="${MUTED}">${o.footer}</div>`,
    "</div></body></html>",
  ].join("\n");
}
