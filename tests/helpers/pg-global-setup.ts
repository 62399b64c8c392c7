// vitest globalSetup: when this run tests PostgreSQL (TEST_DATABASE_URL), builds the template database
// every test database is copied from, once, before any test file starts.
import { sql } from "kysely";
import { openPostgres } from "../../app/platform/db.server";
import { PG_TEMPLATE, prepareTemplate, testPostgresUrl, withDatabase } from "./db";

export default async function setup() {
  if (!testPostgresUrl) return;
  const admin = openPostgres(withDatabase(testPostgresUrl, "postgres"), { poolSize: 1 });
  try {
    await sql.raw(`DROP DATABASE IF EXISTS ${PG_TEMPLATE}`).execute(admin);
    await sql.raw(`CREATE DATABASE ${PG_TEMPLATE}`).execute(admin);
  } finally {
    await admin.destroy();
  }
  const db = openPostgres(withDatabase(testPostgresUrl, PG_TEMPLATE), { poolSize: 1 });
  try {
    await prepareTemplate(db);
  } finally {
    await db.destroy();
  }
}
