// A real SQLite database per test file: migrated once into a template, copied for each caller.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "../../app/platform/db.server";
import { migrateToLatest } from "../../db/migrate";
import { seedFramework } from "../../db/seed/demo";
import { ensureDefaultPolicy } from "../../app/membership/policy.server";

let template: Promise<string> | undefined;

async function buildTemplate(): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "council-template-")), "template.db");
  const db = openDb(file);
  await migrateToLatest(db);
  await seedFramework(db);
  await ensureDefaultPolicy(db);
  await db.destroy();
  return file;
}

/** A fresh, migrated database with the framework vocabulary in a temporary file. */
export async function createTestDb(): Promise<Db> {
  template ??= buildTemplate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-test-"));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(await template, file);
  return openDb(file);
}
