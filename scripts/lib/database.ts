// Shared by npm start, serve, db:migrate and db:reset: open, migrate, and seed what the mode needs.
import fs from "node:fs";
import { migrateToLatest } from "../../db/migrate";
import { isEmpty, seedDemo, seedFramework } from "../../db/seed/demo";
import { openDb, type Db } from "../../app/platform/db.server";
import { ensureDefaultPolicy } from "../../app/membership/policy.server";
import type { Env } from "../../app/platform/env.server";

export async function prepareDatabase(env: Env, options: { fresh?: boolean } = {}): Promise<{ db: Db; seededDemo: boolean; migrated: string[] }> {
  if (options.fresh) {
    if (env.mode !== "demo") throw new Error("Refusing to wipe the database outside demo mode.");
    removeDatabaseFiles(env.databasePath);
  }
  const db = openDb(env.databasePath);
  const migrated = await migrateToLatest(db);
  await seedFramework(db);
  await ensureDefaultPolicy(db);
  let seededDemo = false;
  // Demo accounts exist only in demo mode, and only in an empty database.
  if (env.mode === "demo" && (await isEmpty(db))) {
    await seedDemo(db);
    seededDemo = true;
  }
  return { db, seededDemo, migrated };
}

export function removeDatabaseFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}
