import { z } from "zod";

// Configuration, parsed once with zod. In production mode the app refuses to boot, with a
// message naming each problem, when required settings are missing. Every entry point (the server
// and each CLI) parses it before doing anything, so a bad value is one line naming the variable and
// what it expects, never a crash later on.

/** What each variable expects, in words: the message for any value zod refuses. */
const EXPECTS = {
  COUNCIL_MODE: "demo or production",
  DATABASE_PATH: "a file path such as ./data/council.db",
  PORT: "a whole number from 1 to 65535",
  PUBLIC_URL: "the site's address, such as https://council.example.com",
  APP_SECRET: "at least 32 random characters",
  SMTP_URL: "an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587, or unset",
  MAIL_FROM: "a sender such as Council <council@example.com>",
  SESSION_DAYS: "a whole number of days from 1 to 365",
  TRUST_PROXY: "0 or 1",
  MAX_BODY_BYTES: "a number of bytes from 1024 (1 KB) to 104857600 (100 MB)",
} as const;

/** An empty variable (`SMTP_URL=`) counts as unset. */
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);

const schema = z
  .object({
    COUNCIL_MODE: z.enum(["demo", "production"]).default("production"),
    DATABASE_PATH: z.string().min(1).default("./data/council.db"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/ }).optional()),
    APP_SECRET: z.preprocess(unsetIfEmpty, z.string().min(32).optional()),
    SMTP_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^smtps?$/, hostname: /./ }).optional()),
    MAIL_FROM: z.string().trim().min(3).default("Council <council@localhost>"),
    SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    TRUST_PROXY: z.enum(["0", "1"]).default("0"),
    // Request bodies above this are refused with 413 before Remix reads them (1 KB to 100 MB).
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
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
  maxBodyBytes: number;
};

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    // One line per problem, naming the variable and what it expects (never its value: it may be a secret).
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "");
      const problem = issue.code === "custom" ? issue.message : `${name} must be ${EXPECTS[name as keyof typeof EXPECTS] ?? issue.message}`;
      return `Invalid configuration: ${problem} (see README.md, "Configuration").`;
    });
    throw new ConfigError(lines.join("\n"));
  }
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
    maxBodyBytes: e.MAX_BODY_BYTES,
  };
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
