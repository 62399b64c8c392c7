// The new text of an emailed reply: everything above the quoted history and the signature. Pure,
// tested with replies shaped like Gmail's, Outlook's and Apple Mail's (tests/fixtures/inbound/).

/** Lines that start the quoted message a mail app puts under a reply. */
const HISTORY_STARTS: RegExp[] = [
  /^-{2,}\s*Original Message\s*-{2,}$/i, // Outlook (classic)
  /^_{10,}$/, // Outlook: a rule line, then From:/Sent:
  /^-{2,}\s*Forwarded message\s*-{2,}$/i,
  /^Begin forwarded message:$/i,
];
/** Signatures: the RFC 3676 delimiter, and the mobile apps' one-liners. */
const SIGNATURE_STARTS: RegExp[] = [/^-- ?$/, /^Sent from my (iPhone|iPad|phone|Android|Galaxy|BlackBerry)\b/i, /^Sent from (Outlook|Mail) for /i, /^Get Outlook for /i, /^Sent from Yahoo Mail/i];

/** "On <date>, <someone> wrote:" — Gmail and Apple Mail, sometimes wrapped over two or three lines. */
function wroteLineAt(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  if (/^>/.test(line)) return false;
  if (!/^(On|Le|Am|El|Il|Op)\s/i.test(line)) return false;
  const joined = lines.slice(i, i + 3).map((l) => l.trim()).join(" ");
  return /\s(wrote|a écrit|schrieb|escribió|ha scritto|schreef)\s?:/i.test(joined);
}

export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\u00a0/g, " ").split("\n");
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    // Outlook without a rule line: From: then Sent:/Date:/To:/Subject:.
    const fromHeader = /^From:\s/i.test(line) && lines.slice(i + 1, i + 4).some((l) => /^(Sent|Date|To|Subject):\s/i.test(l.trim()));
    if (wroteLineAt(lines, i) || HISTORY_STARTS.some((r) => r.test(line)) || fromHeader || SIGNATURE_STARTS.some((r) => r.test(line))) {
      end = i;
      break;
    }
    // A block of quoted lines ends the new text (bottom-posted history).
    if (/^>/.test(line) && lines.slice(i).every((l) => /^>/.test(l.trim()) || l.trim() === "")) {
      end = i;
      break;
    }
  }
  return lines.slice(0, end).join("\n").replace(/\n{3,}/g, "\n\n").trim();
}
