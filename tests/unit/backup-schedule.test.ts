import { describe, expect, it } from "vitest";
import { backupDue, backupFileName, isoWeek, retention } from "../../app/platform/backup.server";

describe("backupFileName", () => {
  it("names a backup by its UTC time, so names sort by time", () => {
    expect(backupFileName(new Date("2026-12-01T03:04:05.678Z"))).toBe("council-2026-12-01T030405Z.db");
  });
});

describe("isoWeek", () => {
  it.each([
    ["2026-12-01", "2026-W49"], // a Tuesday
    ["2026-11-30", "2026-W49"], // Monday starts the week
    ["2026-11-29", "2026-W48"], // Sunday ends the one before
    ["2027-01-01", "2026-W53"], // a Friday: still the last week of 2026
    ["2025-12-29", "2026-W01"], // a Monday in the first week of 2026
  ])("%s is in %s", (day, week) => expect(isoWeek(day)).toBe(week));
});

describe("retention: the newest backup of each of the last 7 days and of each of the last 8 weeks", () => {
  const name = (iso: string) => backupFileName(new Date(iso));
  const daily = (days: number, hour = "03") =>
    Array.from({ length: days }, (_, i) => name(new Date(Date.UTC(2026, 11, 1) - i * 86_400_000).toISOString().slice(0, 10) + `T${hour}:00:00Z`));

  it("keeps everything while there are 7 backups or fewer", () => {
    expect(retention(daily(7)).remove).toEqual([]);
  });

  it("after 60 nights keeps the last 7 days plus the newest of the 8 most recent weeks", () => {
    const { keep, remove } = retention(daily(60));
    expect(keep).toHaveLength(7 + 6); // the last 7 days span weeks 49 and 48; six older weeks add one each
    expect(keep.slice(0, 7)).toEqual(daily(7));
    expect(new Set(keep.map((n) => isoWeek(n.slice(8, 18)))).size).toBe(8);
    expect(keep.length + remove.length).toBe(60);
  });

  it("keeps only the newest of several backups on one day", () => {
    const names = [name("2026-12-01T03:00:00Z"), name("2026-12-01T14:00:00Z"), name("2026-11-30T03:00:00Z")];
    expect(retention(names).remove).toEqual([name("2026-12-01T03:00:00Z")]);
  });

  it("never touches files of another shape (manifests, a copy the founders made by hand)", () => {
    const names = [...daily(30), "council-2026-12-01T030000Z.db.manifest.json", "before-upgrade.db", "council.db"];
    const { keep, remove } = retention(names);
    expect([...keep, ...remove]).not.toContain("before-upgrade.db");
    expect(remove.every((n) => /^council-.*Z\.db$/.test(n))).toBe(true);
  });
});

describe("backupDue: nightly at the configured hour, or at once when the last good backup is over 25 hours old", () => {
  const now = (iso: string) => new Date(iso);
  it.each([
    ["no backup yet", null, "2026-12-01T12:00:00Z", true],
    ["before tonight's hour, last night's backup is recent", "2026-11-30T03:01:00Z", "2026-12-01T02:50:00Z", false],
    ["past the hour, last backup was yesterday's", "2026-11-30T03:01:00Z", "2026-12-01T03:05:00Z", true],
    ["past the hour, already backed up tonight", "2026-12-01T03:01:00Z", "2026-12-01T03:20:00Z", false],
    ["a night missed (server was down)", "2026-11-29T03:00:00Z", "2026-12-01T01:00:00Z", true],
    ["first backup was at noon; the next is tonight, not at noon", "2026-11-30T12:00:00Z", "2026-12-01T03:00:00Z", true],
    ["first backup was at noon; not again later that day", "2026-11-30T12:00:00Z", "2026-11-30T23:00:00Z", false],
  ])("%s", (_case, last, at, due) => expect(backupDue(last, now(at), 3)).toBe(due));
});
