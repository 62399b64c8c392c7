import { z } from "zod";
import { isWebUrl } from "./web-url";

// Configuration, parsed once with zod. In production mode the app refuses to boot, with a
// message naming each problem, when required settings are missing.
const schema = z
  .object({
    COUNCIL_MODE: z.enum(["demo", "production"]).default("production"),
    DATABASE_PATH: z.string().min(1).default("./data/council.db"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z.string().refine(isWebUrl, "PUBLIC_URL must be an http:// or https:// address").optional(),
    APP_SECRET: z.string().min(32, "APP_SECRET must be at least 32 characters").optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Council <council@localhost>"),
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
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
    throw new ConfigError(`Council cannot start: the configuration is invalid.\n${lines.join("\n")}\nSee README.md, "Configuration".`);
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
