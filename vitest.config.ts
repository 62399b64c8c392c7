import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    // Playwright specs live in tests/e2e and are run by Playwright, not vitest.
    include: ["tests/{unit,integration}/**/*.test.ts"],
    // *.postgres.test.ts need a PostgreSQL server: they run in npm test's PostgreSQL run (TEST_DATABASE_URL).
    exclude: process.env.TEST_DATABASE_URL ? [] : ["tests/**/*.postgres.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
    env: { COUNCIL_MODE: "demo", DATABASE_PATH: ":memory:" },
    // With TEST_DATABASE_URL set (npm test's second run), builds the PostgreSQL template database first.
    globalSetup: ["tests/helpers/pg-global-setup.ts"],
  },
});
