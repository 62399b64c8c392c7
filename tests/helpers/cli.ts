// Runs a real CLI (scripts/<name>.ts through tsx) as an operator would, without blocking the test
// runner, so independent cases can run concurrently (each start of tsx costs about half a second).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export type CliResult = { status: number | null; stdout: string; stderr: string };

type RunOptions = { env?: Record<string, string>; input?: string };

/** `env` is added to a clean demo configuration (no SMTP); `input` is written to stdin. */
export function runScript(script: string, args: string[] = [], options: RunOptions = {}): Promise<CliResult> {
  return runTsx(`scripts/${script}.ts`, args, options);
}

/** Runs any TypeScript file of the repository (`file` relative to its root) the way runScript runs a CLI. */
export function runTsx(file: string, args: string[] = [], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [file, ...args], {
      cwd: ROOT,
      env: { ...process.env, COUNCIL_MODE: "demo", SMTP_URL: "", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** A stack trace's frames ("    at fn (file:line)"): never shown for bad input. */
export const STACK_FRAME = /^\s+at /m;

/** The lines a CLI wrote to stderr, without the empty ones. */
export const stderrLines = (result: CliResult) => result.stderr.split("\n").filter((line) => line.trim() !== "");

export const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
