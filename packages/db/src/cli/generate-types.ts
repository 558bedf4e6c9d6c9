import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { openPglite } from "../client";
import { migrateToLatest } from "../migrator";
import { IN_MEMORY, startPglite } from "../pglite";
import { generateDatabaseTypes } from "./database-types";

/*
 * Writes src/database.gen.ts from a freshly migrated in-memory PGlite (no server needed, same output as
 * Postgres). `--check` compares instead of writing and exits 1 on drift.
 */

const outFile = fileURLToPath(new URL("../database.gen.ts", import.meta.url));
const check = process.argv.includes("--check");

const handle = openPglite(await startPglite({ dataDir: IN_MEMORY }));
try {
  await migrateToLatest(handle.db);
  const generated = await generateDatabaseTypes(handle.db);
  if (check) {
    const current = await readFile(outFile, "utf8").catch(() => "");
    if (current !== generated) {
      console.error(
        `${outFile} is out of date with the migrations (${firstDifference(current, generated)}).\n` +
          "Run `npm run db:types` and commit the result.",
      );
      process.exitCode = 1;
    } else {
      console.log("database.gen.ts is up to date");
    }
  } else {
    await writeFile(outFile, generated);
    console.log(`Wrote ${outFile}`);
  }
} finally {
  await handle.close();
}

function firstDifference(a: string, b: string): string {
  const left = a.split("\n");
  const right = b.split("\n");
  const line = left.findIndex((text, index) => text !== right[index]);
  const at = line === -1 ? left.length : line;
  return `first difference at line ${at + 1}: expected ${JSON.stringify(right[at] ?? "<end of file>")}`;
}
