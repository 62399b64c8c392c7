// Mentions: a member is mentioned as @first.last — their display name, lower-cased, accents
// removed, every run of other characters turned into a dot ("Tomás Herrera" -> @tomas.herrera,
// "Jean-Luc O'Neil" -> @jean.luc.o.neil). Pure: used by posts.server.ts and shown in the form hint.

export function mentionHandle(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.+|\.+$/g, "");
}

/** The distinct handles mentioned in a Markdown text (outside code), at most `max`. */
export function extractMentions(markdown: string, max = 20): string[] {
  const text = markdown
    .replace(/```[\s\S]*?(```|$)/g, " ")
    .replace(/`[^`\n]*`/g, " ");
  const found = new Set<string>();
  for (const m of text.matchAll(/(^|[^\w@.])@([a-z0-9]+(?:\.[a-z0-9]+)+)/gi)) {
    found.add(m[2].toLowerCase());
    if (found.size >= max) break;
  }
  return [...found];
}
