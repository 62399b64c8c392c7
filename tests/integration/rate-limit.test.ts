// The generic limiter against a real database, used the way the forum and flags will use it.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { TooManyRequests } from "../../app/platform/errors";
import { runJobs } from "../../app/jobs.server";
import { flaggingLimitFor, MESSAGE_LIMIT, postingLimitFor } from "../../app/platform/limits";
import { checkRateLimit, enforceRateLimit } from "../../app/platform/rate-limit.server";
import { createTestDb } from "../helpers/db";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const now = new Date("2026-11-23T12:00:00.000Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe("enforceRateLimit", () => {
  it("allows a newcomer 5 posts an hour, then says when they can post again", async () => {
    const rule = postingLimitFor({ joinedAt: "2026-11-21T00:00:00.000Z" }, now);
    for (let i = 0; i < 5; i++) await enforceRateLimit(db, rule, 7, at(i * 10));
    const error = await enforceRateLimit(db, rule, 7, at(45)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequests);
    expect((error as Error).message).toBe("You have reached the limit of 5 an hour. You can post again after Nov 23, 2026, 01:00 PM UTC.");
    // A refused attempt is not counted: at 13:00:01 the first post has left the window.
    await enforceRateLimit(db, rule, 7, at(60.02));
  });

  it("keeps members and rules apart", async () => {
    const rule = flaggingLimitFor({ joinedAt: "2026-11-22T00:00:00.000Z" }, now);
    for (let i = 0; i < 5; i++) await enforceRateLimit(db, rule, 1, now);
    await expect(enforceRateLimit(db, rule, 1, now)).rejects.toBeInstanceOf(TooManyRequests);
    await expect(enforceRateLimit(db, rule, 2, now)).resolves.toBeUndefined();
    expect(await checkRateLimit(db, MESSAGE_LIMIT, 1, now)).toEqual({ allowed: true, retryAt: null, used: 0 });
  });

  it("the jobs forget events older than any window", async () => {
    await enforceRateLimit(db, MESSAGE_LIMIT, 1, new Date(Date.now() - 2 * 86_400_000));
    await enforceRateLimit(db, MESSAGE_LIMIT, 1, new Date());
    expect((await runJobs(db)).rateLimitEventsPruned).toBe(1);
    expect(await db.selectFrom("rate_limit_events").selectAll().execute()).toHaveLength(1);
  });

  it("the jobs forget failed sign-ins older than the longest sign-in window", async () => {
    const at = (ms: number) => new Date(Date.now() - ms).toISOString();
    await db.insertInto("sign_in_failures").values([
      { email_normalized: "a@b.example", ip: "1.1.1.1", at: at(2 * 86_400_000) },
      { email_normalized: "a@b.example", ip: "1.1.1.1", at: at(60_000) },
    ]).execute();
    expect((await runJobs(db)).rateLimitEventsPruned).toBe(1);
    expect(await db.selectFrom("sign_in_failures").selectAll().execute()).toHaveLength(1);
  });
});
