/** ISO-8601 UTC timestamps are how Council stores time (sortable as text, portable). */
export const nowIso = (now: Date = new Date()) => now.toISOString();
export const addDays = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000);
export const addMinutes = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);

// One formatter each, made once: toLocaleString with options builds a new one on every call, which
// showed up as the thread page's largest cost.
const DATE = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-US", {
  year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short",
});

/**
 * A formatter remembered per timestamp: pages show the same times over and over (a thread's thirty posts, the home
 * page's grid and lists), and each is a pure function of its text. The oldest are forgotten past 5,000.
 */
function remembered(format: Intl.DateTimeFormat) {
  const texts = new Map<string, string>();
  return (iso: string): string => {
    let text = texts.get(iso);
    if (text === undefined) {
      text = format.format(new Date(iso));
      if (texts.size >= 5000) texts.delete(texts.keys().next().value!);
      texts.set(iso, text);
    }
    return text;
  };
}

export const formatDate = remembered(DATE);
export const formatDateTime = remembered(DATE_TIME);
