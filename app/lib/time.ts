/** ISO-8601 UTC timestamps are how Council stores time (sortable as text, portable). */
export const nowIso = (now: Date = new Date()) => now.toISOString();
export const addDays = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000);
export const addMinutes = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString("en-US", {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short",
  });
}
