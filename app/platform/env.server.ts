import { z } from "zod";

// Running the server for years: backups, crash safety, health, logs. Also parsed on its own by
// `operationsEnv`, for the CLIs and openDb, which must not require the production settings above.
const operationsSchema = z.object({
  BACKUP_DIR: z.string().min(1).default("./data/backups"),
  BACKUP_HOUR: z.coerce.number().int().min(0).max(23).default(3),
  BACKUP_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(26),
  HEALTH_MIN_FREE_MB: z.coerce.number().int().min(0).default(512),
  SQLITE_SYNCHRONOUS: z.enum(["normal", "full"]).default("normal"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type OperationsEnv = {
  backupDir: string;
  backupHour: number;
  backupMaxAgeHours: number;
  healthMinFreeMb: number;
  sqliteSynchronous: "normal" | "full";
  logLevel: z.infer<typeof operationsSchema>["LOG_LEVEL"];
};

function toOperations(e: z.infer<typeof operationsSchema>): OperationsEnv {
  return {
    backupDir: e.BACKUP_DIR,
    backupHour: e.BACKUP_HOUR,
    backupMaxAgeHours: e.BACKUP_MAX_AGE_HOURS,
    healthMinFreeMb: e.HEALTH_MIN_FREE_MB,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    logLevel: e.LOG_LEVEL,
  };
}

/** The operations settings alone (no production requirements); throws ConfigError naming each bad one. */
export function operationsEnv(source: Record<string, string | undefined> = process.env): OperationsEnv {
  const result = operationsSchema.safeParse(source);
  if (!result.success) throw configError(result.error.issues);
  return toOperations(result.data);
}

function configError(issues: z.core.$ZodIssue[]) {
  const lines = issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
  return new ConfigError(`Council cannot start: the configuration is invalid.\n${lines.join("\n")}\nSee README.md, "Configuration".`);
}

// Configuration, parsed once with zod. In production mode the app refuses to boot, with a
// message naming each problem, when required settings are missing.
const schema = z
  .object({
    COUNCIL_MODE: z.enum(["demo", "production"]).default("production"),
    DATABASE_PATH: z.string().min(1).default("./data/council.db"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    APP_SECRET: z.string().min(32, "APP_SECRET must be at least 32 characters").optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Council <council@localhost>"),
    SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    TRUST_PROXY: z.enum(["0", "1"]).default("0"),
    ...operationsSchema.shape,
  })
  .superRefine((env, ctx) => {
    if (env.COUNCIL_MODE !== "production") return;
    if (!env.PUBLIC_URL)
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "PUBLIC_URL is required in production (e.g. https://council.example.com)" });
    if (!env.APP_SECRET)
      ctx.addIssue({ code: "custom", path: ["APP_SECRET"], message: "APP_SECRET is required in production (32+ random characters)" });
  });

export type Env = {
  mode: "demo" | "production";
  databasePath: string;
  port: number;
  publicUrl: string;
  appSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionDays: number;
  trustProxy: boolean;
} & OperationsEnv;

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) throw configError(result.error.issues);
  const e = result.data;
  return {
    mode: e.COUNCIL_MODE,
    databasePath: e.DATABASE_PATH,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    // Demo mode only: a fixed secret is fine because demo data is public anyway.
    appSecret: e.APP_SECRET ?? "council-demo-secret-not-for-production-use",
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    sessionDays: e.SESSION_DAYS,
    trustProxy: e.TRUST_PROXY === "1",
    ...toOperations(e),
  };
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
