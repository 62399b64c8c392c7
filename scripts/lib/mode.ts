import { ConfigError, parseEnv, type Env } from "../../app/platform/env.server";

/**
 * Decides demo or production mode from what the person set, before anything else runs.
 * NODE_ENV=production always means production mode: it never creates demo accounts.
 */
export function resolveEnvOrExit(): Env {
  const userNodeEnv = process.env.NODE_ENV;
  if (userNodeEnv === "production" && process.env.COUNCIL_MODE === "demo") {
    console.error("Council cannot start: COUNCIL_MODE=demo is not allowed with NODE_ENV=production (demo accounts never exist in production).");
    process.exit(1);
  }
  process.env.COUNCIL_MODE ??= userNodeEnv === "production" ? "production" : "demo";
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
