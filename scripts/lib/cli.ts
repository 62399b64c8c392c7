import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";

/**
 * Named options for a CLI: `--help` prints the usage (exit 0); an unknown option or a value the
 * schema refuses prints what is wrong and the usage on stderr (exit 2).
 */
export function parseOptions<S extends z.ZodType>(options: NonNullable<ParseArgsConfig["options"]>, schema: S, usage: string): z.infer<S> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ options: { ...options, help: { type: "boolean", short: "h" } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const { help: _help, ...rest } = values;
  const parsed = schema.safeParse(rest);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n") + `\n\n${usage}`);
    process.exit(2);
  }
  return parsed.data;
}
