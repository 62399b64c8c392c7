// Checks posts for sales pitches, one JSON object per line, streaming.
//
//   echo '{"id":1,"body":"Book a demo at calendly.com/me"}' | npm run -s pitch-check
//
// Input (stdin), one object a line:  {"id": "p1" | 1, "body": "...", "authorType"?: "executive" | "consultant"}
// Output (stdout), same order:       {"id", "held", "score", "reasons"}
//
// authorType is accepted and validated but never changes the verdict: the council's
// rule is the same for every author. The verdict is the combined one (rule signals and the
// model shipped in app/moderation/models/pitch-model.json), as the server screens posts
// until founders adopt a retrained model.
import { once } from "node:events";
import { createInterface } from "node:readline";
import { z } from "zod";
import { DEFAULT_PITCH_THRESHOLD } from "../app/moderation/pitch";
import { bundledPitchModel } from "../app/moderation/bundled-pitch-model.server";
import { judgePost } from "../app/moderation/pitch-verdict";
import { PITCH_THRESHOLD_RANGE, pitchThresholdSchema } from "../app/moderation/schemas/moderation";
import { parseOptions, runCli } from "./lib/cli";

const USAGE = `Usage: npm run -s pitch-check -- [--threshold N] < posts.jsonl > verdicts.jsonl

Reads JSON Lines on stdin, one post per line:
  {"id": "p1", "body": "text of the post", "authorType": "executive"}
  id is a string or number, body a string (neither may be empty); authorType ("executive" or "consultant")
  is optional and does not change the verdict.
Writes one line per post to stdout, in the same order:
  {"id": "p1", "held": false, "score": 0, "reasons": [...]}
score combines the rule signals and the shipped model's probability; each reason is
{"signal", "label", "excerpt", "weight"}: rule signals, and the model's phrases
(signal "model_phrase", or "model_discussion" with a negative weight), quoted from the post.

Blank lines are skipped. A bad line (invalid JSON or wrong fields) is reported on
stderr as "line N: <message>" and skipped; processing continues, and the exit code
is 1 if any line was bad, 0 otherwise.

Options:
  --threshold N   hold posts scoring >= N, from ${PITCH_THRESHOLD_RANGE.min} to ${PITCH_THRESHOLD_RANGE.max} like the founders'
                  settings form (default ${DEFAULT_PITCH_THRESHOLD})
  -h, --help      show this help
`;

/** Each field's error says what is wrong in words, e.g. "body is missing" or "id must be a string or a number". */
const fieldError = (field: string, expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is missing` : `${field} must be ${expected}`;

const PostLine = z.object(
  {
    id: z
      .union([z.string(), z.number()], { error: fieldError("id", "a string or a number") })
      .refine((id) => typeof id !== "string" || id.trim() !== "", "id must not be empty"),
    body: z.string({ error: fieldError("body", "a string") }).refine((body) => body.trim() !== "", "body must not be empty"),
    authorType: z.enum(["executive", "consultant"], { error: fieldError("authorType", '"executive" or "consultant"') }).optional(),
  },
  { error: 'expected a JSON object like {"id": "p1", "body": "..."}' },
);

/** Turns one input line into an output line, or an error message for stderr. */
function checkLine(line: string, threshold: number): { output: string } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return { error: `invalid JSON (${(e as Error).message})` };
  }
  const parsed = PostLine.safeParse(json);
  if (!parsed.success) {
    return { error: parsed.error.issues.map((issue) => issue.message).join("; ") };
  }
  // Deliberately only the body goes in: the verdict cannot depend on who wrote it.
  const verdict = judgePost(parsed.data.body, bundledPitchModel(), threshold);
  return { output: JSON.stringify({ id: parsed.data.id, held: verdict.held, score: verdict.score, reasons: verdict.reasons }) };
}

async function main() {
  const { threshold } = parseOptions({ threshold: { type: "string" } }, z.object({ threshold: pitchThresholdSchema.default(DEFAULT_PITCH_THRESHOLD) }), USAGE);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let badLines = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    const result = checkLine(line, threshold);
    if ("error" in result) {
      badLines++;
      process.stderr.write(`line ${lineNumber}: ${result.error}\n`);
      continue;
    }
    // Respect backpressure so a large input never piles up in memory.
    if (!process.stdout.write(`${result.output}\n`)) await once(process.stdout, "drain");
  }
  process.exitCode = badLines > 0 ? 1 : 0;
}

await runCli(main);
