import { z } from "zod";

// The founders' framework form: fields named stage.<key>.name, stage.<key>.description and
// area.<key>.description. Parsed into lists of edits; unknown keys are refused by the domain.
const text = z.string().max(500, "Keep it under 500 characters.");

export const frameworkEditSchema = z.record(z.string(), z.string()).transform((fields) => {
  const stages = new Map<string, { key: string; name: string; description: string }>();
  const areas: { key: string; description: string }[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const stage = /^stage\.([\w-]+)\.(name|description)$/.exec(name);
    const area = /^area\.([\w-]+)\.description$/.exec(name);
    if (stage) {
      const entry = stages.get(stage[1]) ?? { key: stage[1], name: "", description: "" };
      entry[stage[2] as "name" | "description"] = value;
      stages.set(stage[1], entry);
    } else if (area) {
      areas.push({ key: area[1], description: value });
    }
  }
  return { stages: [...stages.values()], areas };
}).pipe(z.object({
  stages: z.array(z.object({ key: z.string(), name: z.string().trim().min(1, "Give every stage a name.").max(60, "Keep stage names under 60 characters."), description: text })),
  areas: z.array(z.object({ key: z.string(), description: text })),
}));
