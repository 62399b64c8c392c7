// A second process for the database test: from a shared start time, adds 1 to counter.value `count` times,
// each in a transaction that reads, yields to the event loop, then writes — what a worker's action does.
// Prints {"failed": N}.
import { sql } from "kysely";
import { openDb } from "../../app/platform/db.server";

const [file, count, startAt] = process.argv.slice(2);
const db = openDb(file!, { mustExist: true });
while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 5));
let failed = 0;
for (let i = 0; i < Number(count); i++) {
  try {
    await db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ value: number }>`select value from counter`.execute(tx);
      await new Promise((resolve) => setImmediate(resolve));
      await sql`update counter set value = ${rows[0]!.value + 1}`.execute(tx);
    });
  } catch {
    failed++;
  }
}
await db.destroy();
console.log(JSON.stringify({ failed }));
