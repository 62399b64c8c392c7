// What the dashboard page and its server module share (no server imports: the page renders these).

export type Count = { key: string; label: string; count: number };

export const MODERATION_SERIES = [
  { key: "held", label: "Posts held" },
  { key: "hidden", label: "Posts hidden" },
  { key: "flagsUpheld", label: "Flags upheld" },
  { key: "strikes", label: "Strikes recorded" },
] as const;
export type ModerationKey = (typeof MODERATION_SERIES)[number]["key"];
export type ModerationWeek = { weekStart: string } & Record<ModerationKey, number>;
