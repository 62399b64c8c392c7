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

export const formatDate = (iso: string): string => DATE.format(new Date(iso));
// A thread page formats thirty post times per view, mostly the same ones: each is formatted once (a pure function of
// its text; the oldest are forgotten past 5,000).
const formattedDateTimes = new Map<string, string>();
export const formatDateTime = (iso: string): string => {
  let text = formattedDateTimes.get(iso);
  if (text === undefined) {
    text = DATE_TIME.format(new Date(iso));
    if (formattedDateTimes.size >= 5000) formattedDateTimes.delete(formattedDateTimes.keys().next().value!);
    formattedDateTimes.set(iso, text);
  }
  return text;
};
