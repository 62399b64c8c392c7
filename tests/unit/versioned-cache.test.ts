// The in-process cache every shared page part uses: an entry is good for exactly the version it was made at.
import { describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { createVersionedCache } from "../../app/platform/versioned-cache.server";

describe("versioned cache", () => {
  it("remembers what it made until the version moves, per database", () => {
    const cache = createVersionedCache<string>({ maxEntries: 10, maxBytes: 1000 });
    const [one, two] = [{}, {}] as unknown as Db[];
    let made = 0;
    const make = (label: string) => () => `${label}-${++made}`;
    expect(cache.remember(one!, "grid", 1, make("a"), (v) => v.length)).toBe("a-1");
    expect(cache.remember(one!, "grid", 1, make("b"), (v) => v.length)).toBe("a-1");
    expect(cache.remember(one!, "grid", 2, make("c"), (v) => v.length)).toBe("c-2");
    expect(cache.remember(two!, "grid", 2, make("d"), (v) => v.length)).toBe("d-3");
    expect(cache.size(one!)).toEqual({ entries: 1, bytes: 3 });
  });

  it("loads a value read from the database once per version", async () => {
    const cache = createVersionedCache<number[]>({ maxEntries: 10, maxBytes: 1000 });
    const db = {} as unknown as Db;
    let reads = 0;
    const read = async () => [++reads];
    expect(await cache.load(db, "cells", "v1", read, (v) => v.length)).toEqual([1]);
    expect(await cache.load(db, "cells", "v1", read, (v) => v.length)).toEqual([1]);
    expect(await cache.load(db, "cells", "v2", read, (v) => v.length)).toEqual([2]);
  });

  it("drops the least recently used entries past its bounds", () => {
    const cache = createVersionedCache<string>({ maxEntries: 2, maxBytes: 1000 });
    const db = {} as unknown as Db;
    for (const key of ["a", "b", "c"]) cache.set(db, key, 1, key, 1);
    expect(cache.get(db, "a", 1)).toBeUndefined();
    expect(cache.get(db, "c", 1)).toBe("c");
  });
});
