import { defineConfig } from "@playwright/test";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE = process.env.E2E_DATABASE ?? "./data/e2e.db";

// End-to-end tests drive the real production build (npm test builds it first) in Debian's Chromium.
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "node_modules/.bin/tsx scripts/serve.ts --fresh-demo",
    url: `http://localhost:${E2E_PORT}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { PORT: String(E2E_PORT), DATABASE_PATH: E2E_DATABASE, COUNCIL_MODE: "demo", NODE_ENV: "test" },
  },
});
