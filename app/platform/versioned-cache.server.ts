// An in-process cache whose entries are each good for one version of the data they were read from: the caller reads
// the current version from the database (cheaply, with something it reads anyway) and an entry is used only at that
// version, so any number of server processes (WORKERS) stay correct without telling each other anything. Kept per
// database (tests open many) and bounded: the least recently used entries go past `maxEntries` or `maxBytes` (the
// caller's estimate of each value's size).
import type { Db } from "./db.server";

type Entry<T> = { version: number | string; bytes: number; value: T };

export function createVersionedCache<T>(limits: { maxEntries: number; maxBytes: number }) {
  const caches = new WeakMap<Db, { entries: Map<string, Entry<T>>; bytes: number }>();
  const cacheOf = (db: Db) => {
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = { entries: new Map(), bytes: 0 }));
    return cache;
  };
  return {
    /** The value stored under `key` at exactly `version`, or undefined (an entry of another version is dropped). */
    get(db: Db, key: string, version: number | string): T | undefined {
      const cache = cacheOf(db);
      const entry = cache.entries.get(key);
      if (!entry) return undefined;
      cache.entries.delete(key);
      if (entry.version !== version) {
        cache.bytes -= entry.bytes;
        return undefined;
      }
      cache.entries.set(key, entry); // most recently used last
      return entry.value;
    },
    /**
     * The entry under `key` whatever its version (kept, and made the most recently used), for a caller that can bring
     * an older value up to date itself and `set` it at the new version.
     */
    peek(db: Db, key: string): { version: number | string; value: T } | undefined {
      const cache = cacheOf(db);
      const entry = cache.entries.get(key);
      if (!entry) return undefined;
      cache.entries.delete(key);
      cache.entries.set(key, entry);
      return { version: entry.version, value: entry.value };
    },
    /** Stores `value` as read at `version` (never a version newer than the data it was read from). */
    set(db: Db, key: string, version: number | string, value: T, bytes: number) {
      const cache = cacheOf(db);
      const old = cache.entries.get(key);
      if (old) {
        cache.entries.delete(key);
        cache.bytes -= old.bytes;
      }
      cache.entries.set(key, { version, bytes, value });
      cache.bytes += bytes;
      while (cache.entries.size > limits.maxEntries || (cache.bytes > limits.maxBytes && cache.entries.size > 1)) {
        const [oldestKey, oldest] = cache.entries.entries().next().value!;
        cache.entries.delete(oldestKey);
        cache.bytes -= oldest.bytes;
      }
    },
    /**
     * The value under `key` at `version`; made by `make` and stored (`bytes`: its size) when there is none. `V`: what
     * this key holds, in a cache of several kinds of value (each key is only ever given one kind).
     */
    remember<V extends T>(db: Db, key: string, version: number | string, make: () => V, bytes: (value: V) => number): V {
      const cached = this.get(db, key, version) as V | undefined;
      if (cached !== undefined) return cached;
      const value = make();
      this.set(db, key, version, value, bytes(value));
      return value;
    },
    /** As `remember`, for a value read from the database (after the caller read `version`, so never older than it). */
    async load<V extends T>(db: Db, key: string, version: number | string, read: () => Promise<V>, bytes: (value: V) => number): Promise<V> {
      const cached = this.get(db, key, version) as V | undefined;
      if (cached !== undefined) return cached;
      const value = await read();
      this.set(db, key, version, value, bytes(value));
      return value;
    },
    /** How many entries and bytes this database's cache holds (tests, benchmarks). */
    size(db: Db) {
      const cache = cacheOf(db);
      return { entries: cache.entries.size, bytes: cache.bytes };
    },
  };
}
