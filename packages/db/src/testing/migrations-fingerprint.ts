import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { migrations } from "../migrations";

/**
 * Changes whenever a migration is added or its source changes; names the cached migrated templates.
 * Hashes the files (migrations/<name>.ts) rather than the loaded functions, whose text depends on the
 * transpiler that loaded them.
 */
export function migrationsFingerprint(): string {
  const hash = createHash("sha256");
  for (const name of Object.keys(migrations)) {
    const file = new URL(`../../migrations/${name}.ts`, import.meta.url);
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch (error) {
      throw new Error(`Migration "${name}" must live in packages/db/migrations/${name}.ts`, { cause: error });
    }
    hash.update(name).update("\0").update(source).update("\0");
  }
  return hash.digest("hex").slice(0, 12);
}
