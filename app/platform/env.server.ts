import os from "node:os";
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

/** One line per problem, naming the variable and what it expects (never its value: it may be a secret). */
function configError(issues: z.core.$ZodIssue[]) {
  const lines = issues.map((issue) => {
    const name = String(issue.path[0] ?? "");
    const problem = issue.code === "custom" ? issue.message : `${name} must be ${EXPECTS[name as keyof typeof EXPECTS] ?? issue.message}`;
    return `Invalid configuration: ${problem} (see README.md, "Configuration").`;
  });
  return new ConfigError(lines.join("\n"));
}

// Configuration, parsed once with zod. In production mode the app refuses to boot, with a
// message naming each problem, when required settings are missing. Every entry point (the server
// and each CLI) parses it before doing anything, so a bad value is one line naming the variable and
// what it expects, never a crash later on.

/** What each variable expects, in words: the message for any value zod refuses. */
const EXPECTS = {
  COUNCIL_MODE: "demo or production",
  DATABASE_PATH: "a file path such as ./data/council.db",
  DATABASE_URL: "a postgres:// URL such as postgres://council:password@db.example.com:5432/council, or unset (SQLite at DATABASE_PATH)",
  DATABASE_POOL_SIZE: "a whole number of connections from 1 to 100",
  PORT: "a whole number from 1 to 65535",
  PUBLIC_URL: "the site's address, such as https://council.example.com",
  APP_SECRET: "at least 32 random characters",
  TOTP_ENCRYPTION_KEY: "32 random bytes as base64 (openssl rand -base64 32) or as 64 hex characters",
  SMTP_URL: "an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587, or unset",
  MAIL_FROM: "a sender such as Council <council@example.com>",
  SESSION_DAYS: "a whole number of days from 1 to 365",
  TRUST_PROXY: "0 or 1",
  MAX_BODY_BYTES: "a number of bytes from 1024 (1 KB) to 104857600 (100 MB)",
  NOTIFY_DELAY_MINUTES: "a whole number of minutes from 0 to 1440",
  REPLY_DOMAIN: "a mail domain such as reply.council.example.com, or unset",
  INBOUND_SMTP_PORT: "a whole number from 1 to 65535, or unset",
  WORKERS: "auto (one per core) or a whole number from 1 to 64",
  BACKUP_DIR: "a folder path such as ./data/backups",
  BACKUP_HOUR: "an hour of the day from 0 to 23",
  BACKUP_MAX_AGE_HOURS: "a whole number of hours from 1 to 720",
  HEALTH_MIN_FREE_MB: "a whole number of megabytes, 0 or more",
  SQLITE_SYNCHRONOUS: "normal or full",
  LOG_LEVEL: "one of fatal, error, warn, info, debug, trace, silent",
} as const;

/** TOTP_ENCRYPTION_KEY: exactly 32 bytes, written as 64 hex characters or as base64; null otherwise. */
export function decodeKey(value: string): Buffer | null {
  const text = value.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex")
    : /^[A-Za-z0-9+/]{43}=?$/.test(text) ? Buffer.from(text, "base64") : null;
  return bytes?.length === 32 ? bytes : null;
}
const DEMO_TOTP_KEY = "00".repeat(16) + "c0ffee".repeat(5) + "00";

/** An empty variable (`SMTP_URL=`) counts as unset. */
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);

const schema = z
  .object({
    COUNCIL_MODE: z.enum(["demo", "production"]).default("production"),
    DATABASE_PATH: z.string().min(1).default("./data/council.db"),
    // Set: PostgreSQL through a pool of DATABASE_POOL_SIZE connections; unset: SQLite at DATABASE_PATH.
    DATABASE_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^postgres(ql)?$/, hostname: /./ }).optional()),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/ }).optional()),
    APP_SECRET: z.preprocess(unsetIfEmpty, z.string().min(32).optional()),
    TOTP_ENCRYPTION_KEY: z.preprocess(unsetIfEmpty, z.string().refine((v) => decodeKey(v) !== null, { message: `TOTP_ENCRYPTION_KEY must be ${EXPECTS.TOTP_ENCRYPTION_KEY}` }).optional()),
    SMTP_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^smtps?$/, hostname: /./ }).optional()),
    MAIL_FROM: z.string().trim().min(3).default("Council <council@localhost>"),
    SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    TRUST_PROXY: z.enum(["0", "1"]).default("0"),
    // Request bodies above this are refused with 413 before Remix reads them (1 KB to 100 MB).
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
    // Email notifications wait this long for the member to read the thing in the app first.
    NOTIFY_DELAY_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
    // Reply by email: notifications get Reply-To reply+<token>@REPLY_DOMAIN; unset, they get none.
    REPLY_DOMAIN: z.preprocess(unsetIfEmpty, z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$|^localhost$/i).optional()),
    // The inbound SMTP listener for replies (off when unset).
    INBOUND_SMTP_PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(65535).optional()),
    // Server processes (Node's cluster module): 1 is a single process; auto is one per core.
    WORKERS: z.preprocess(unsetIfEmpty, z.union([z.literal("auto"), z.coerce.number().int().min(1).max(64)]).default(1)),
    ...operationsSchema.shape,
  })
  .superRefine((env, ctx) => {
    if (env.COUNCIL_MODE !== "production") return;
    if (!env.PUBLIC_URL)
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "PUBLIC_URL is required in production (e.g. https://council.example.com)" });
    if (!env.APP_SECRET)
      ctx.addIssue({ code: "custom", path: ["APP_SECRET"], message: "APP_SECRET is required in production (32+ random characters)" });
    if (!env.TOTP_ENCRYPTION_KEY)
      ctx.addIssue({ code: "custom", path: ["TOTP_ENCRYPTION_KEY"], message: "TOTP_ENCRYPTION_KEY is required in production (32 random bytes: openssl rand -base64 32)" });
  });

export type Env = {
  mode: "demo" | "production";
  databasePath: string;
  /** postgres://… when the council lives in PostgreSQL; undefined for SQLite at databasePath. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  port: number;
  publicUrl: string;
  appSecret: string;
  /** AES-256 key (32 bytes) that encrypts two-factor secrets at rest. */
  totpEncryptionKey: Buffer;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionDays: number;
  trustProxy: boolean;
  maxBodyBytes: number;
  notifyDelayMinutes: number;
  replyDomain: string | undefined;
  inboundSmtpPort: number | undefined;
  /** Server processes: 1 serves in one process; more run under Node's cluster module (scripts/serve.ts). */
  workers: number;
} & OperationsEnv;

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) throw configError(result.error.issues);
  const e = result.data;
  return {
    mode: e.COUNCIL_MODE,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    // Demo mode only: a fixed secret is fine because demo data is public anyway.
    appSecret: e.APP_SECRET ?? "council-demo-secret-not-for-production-use",
    // Demo mode only, like the secret above: a fixed, public key.
    totpEncryptionKey: decodeKey(e.TOTP_ENCRYPTION_KEY ?? DEMO_TOTP_KEY)!,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    sessionDays: e.SESSION_DAYS,
    trustProxy: e.TRUST_PROXY === "1",
    maxBodyBytes: e.MAX_BODY_BYTES,
    notifyDelayMinutes: e.NOTIFY_DELAY_MINUTES,
    replyDomain: e.REPLY_DOMAIN?.toLowerCase(),
    inboundSmtpPort: e.INBOUND_SMTP_PORT,
    workers: e.WORKERS === "auto" ? os.availableParallelism() : e.WORKERS,
    ...toOperations(e),
  };
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
