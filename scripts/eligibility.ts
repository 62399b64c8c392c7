// Checks applicants against the eligibility policy, in bulk.
//
//   npm run eligibility -- [--policy file.json] < applicants.jsonl > decisions.jsonl
//
// Reads one applicant per line (JSONL) on stdin and writes one decision per line on stdout, in the
// same order. Bad lines are reported on stderr and skipped; processing continues. See --help.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { MEMBER_TYPES, ROLE_LEVELS } from "../db/schema";
import {
  DEFAULT_POLICY,
  describePolicy,
  evaluateEligibility,
  missingOr,
  parsePolicyFile,
  type EligibilityPolicy,
  type EligibilityReason,
} from "../app/membership/eligibility";
import { CliError, parseOptions, runCli } from "./lib/cli";

const USAGE = `Usage: npm run eligibility -- [--policy <file.json>] < applicants.jsonl > decisions.jsonl

Checks each applicant against the council's eligibility policy. The policy decides; there are
no individual exceptions.

Options:
  --policy <file.json>  Use this policy file instead of the built-in policy v${DEFAULT_POLICY.version}.
  -h, --help            Show this help.

Input (stdin): one JSON object per line (blank lines are skipped):
  id                    string or number, echoed back
  name                  the applicant's name
  title                 their job title
  company               their company
  email                 their email address
  roleLevel             ${ROLE_LEVELS.join(" | ")}
  socialResponsibility  true or false: do they carry social strategy or social media responsibility?
  memberType            ${MEMBER_TYPES.join(" | ")}

  {"id":1,"name":"Ada Lovelace","title":"VP Social","company":"Acme","email":"ada@acme.com","roleLevel":"vp","socialResponsibility":true,"memberType":"executive"}

Output (stdout): one JSON object per valid input line, in the same order:
  {"id":1,"outcome":"eligible|ineligible|needs_review","reasons":[{"rule","passed","message"}, ...]}
  Every decision lists a reason for each rule, in this order: role_level, social_responsibility,
  member_type, free_webmail.

Errors: a bad line is reported on stderr as "line N: <field>: <message>" and is not output;
processing continues and the exit code is 1 at the end. A missing or invalid policy file, or an
unknown option, exits with code 2.

Policy file (JSON), in outline (a complete one: tests/fixtures/policy-v2-example.json):
  {
    "version": 2,                                  whole number, 1 or more
    "summary": "Plain-language summary",
    "rules": {
      "admittedRoleLevels": ["c_level", ...],      role levels that may join
      "socialResponsibilityRequired": {            true/false for every role level
        "c_level": false, "evp": true, "svp": true, "vp": true,
        "director": true, "below_director": true
      },
      "admittedMemberTypes": ["executive", "consultant"],
      "freeWebmail": { "needsReview": true, "domains": ["gmail.com", ...] },
      "reviewWindowDays": 5                        1 to 60
    }
  }

Built-in policy v${DEFAULT_POLICY.version}:
${describePolicy(DEFAULT_POLICY)
  .map((line) => `  - ${line}`)
  .join("\n")}
`;

const applicantLineSchema = z.object(
  {
    id: z.union([z.string().trim().min(1), z.number()], { error: missingOr("must be a string or a number") }),
    name: z
      .string({ error: missingOr("must be text") })
      .trim()
      .min(1, { error: "must not be empty" }),
    title: z
      .string({ error: missingOr("must be text") })
      .trim()
      .min(1, { error: "must not be empty" }),
    company: z
      .string({ error: missingOr("must be text") })
      .trim()
      .min(1, { error: "must not be empty" }),
    email: z
      .string({ error: missingOr("must be text") })
      .trim()
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: "must be an email address such as name@company.com" }),
    roleLevel: z.enum(ROLE_LEVELS, { error: missingOr(`must be one of ${ROLE_LEVELS.join(", ")}`) }),
    socialResponsibility: z.boolean({ error: missingOr("must be true or false") }),
    memberType: z.enum(MEMBER_TYPES, { error: missingOr(`must be one of ${MEMBER_TYPES.join(", ")}`) }),
  },
  { error: "each line must be one JSON object with the applicant's fields (see --help)" },
);

/** A bad policy file is a usage problem: exit 2, like a bad option. */
function fail(message: string): never {
  throw new CliError(message, 2);
}

function loadPolicy(path: string): EligibilityPolicy {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (error as Error).message;
    fail(`Policy file ${path}: ${reason}`);
  }
  const parsed = parsePolicyFile(text);
  if (!parsed.ok) {
    fail(
      `Policy file ${path} is not a valid policy:\n${parsed.errors
        .map((e) => `  ${e}`)
        .join("\n")}\nRun with --help for the policy file format.`,
    );
  }
  return parsed.policy;
}

/** Returns the decision as a JSON line, or the problems with the line. */
function decide(line: string, policy: EligibilityPolicy): { output: string } | { problems: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (error) {
    return { problems: [`json: not valid JSON (${(error as Error).message})`] };
  }
  const result = applicantLineSchema.safeParse(data);
  if (!result.success) {
    return { problems: result.error.issues.map((issue) => `${issue.path.join(".") || "json"}: ${issue.message}`) };
  }
  const applicant = result.data;
  const { outcome, reasons } = evaluateEligibility(applicant, policy);
  return {
    output: `{"id":${JSON.stringify(applicant.id)},"outcome":"${outcome}","reasons":[${reasons
      .map(reasonJson)
      .join(",")}]}`,
  };
}

// The same reasons recur for thousands of applicants (the policy shares them, frozen), so each is
// turned into JSON once. This is what lets the CLI keep well above 50,000 applicants a second.
const reasonsAsJson = new Map<EligibilityReason, string>();
function reasonJson(reason: EligibilityReason): string {
  if (!Object.isFrozen(reason)) return JSON.stringify(reason);
  let json = reasonsAsJson.get(reason);
  if (json === undefined) reasonsAsJson.set(reason, (json = JSON.stringify(reason)));
  return json;
}

async function main(): Promise<void> {
  const options = parseOptions({ policy: { type: "string" } }, z.object({ policy: z.string().min(1, "needs a file, e.g. --policy tests/fixtures/policy-v2-example.json").optional() }), USAGE);
  const policy = options.policy ? loadPolicy(options.policy) : DEFAULT_POLICY;

  // Someone reading decisions through `head` closes the pipe early; that is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  if (process.stdin.isTTY)
    process.stderr.write("Reading applicants as JSONL from stdin; end with Ctrl-D. See --help.\n");

  const BATCH_LINES = 2000;
  let batch: string[] = [];
  let lineNumber = 0;
  let badLines = 0;
  let waitingForDrain = false;
  const problems: string[] = [];

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });

  const flush = () => {
    if (problems.length) {
      process.stderr.write(problems.join("\n") + "\n");
      problems.length = 0;
    }
    if (!batch.length) return true;
    const text = batch.join("\n") + "\n";
    batch = [];
    return process.stdout.write(text);
  };

  lines.on("line", (line) => {
    lineNumber++;
    if (line.trim() === "") return;
    const decision = decide(line, policy);
    if ("output" in decision) batch.push(decision.output);
    else {
      badLines++;
      for (const problem of decision.problems) problems.push(`line ${lineNumber}: ${problem}`);
    }
    if (batch.length + problems.length >= BATCH_LINES && !flush() && !waitingForDrain) {
      // Respect back-pressure: stop reading until stdout has drained.
      waitingForDrain = true;
      lines.pause();
      process.stdout.once("drain", () => {
        waitingForDrain = false;
        lines.resume();
      });
    }
  });

  await new Promise<void>((resolve) => lines.once("close", resolve));
  flush();
  if (badLines > 0) {
    process.stderr.write(`${badLines} bad ${badLines === 1 ? "line was" : "lines were"} skipped.\n`);
    process.exitCode = 1;
  }
}

await runCli(main);
