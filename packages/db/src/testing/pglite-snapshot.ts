import { readFileSync } from "node:fs";
import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { openPglite } from "../client";
import { migrateToLatest } from "../migrator";
import { bundledExtensions, IN_MEMORY, startPglite } from "../pglite";
import { migrationsFingerprint } from "./migrations-fingerprint";

/*
 * Starting PGlite and migrating it costs seconds; loading a migrated snapshot costs a fraction of that.
 * The snapshot is kept in memory and in the OS temp folder (named after the migrations, the PGlite
 * version and its extensions), so test files, workers and later runs reuse it.
 */

const SNAPSHOT_PREFIX = "crm-pglite-";

let snapshot: Promise<Blob> | undefined;

export function migratedSnapshot(): Promise<Blob> {
  snapshot ??= loadOrBuild().catch((error: unknown) => {
    snapshot = undefined;
    throw error;
  });
  return snapshot;
}

export function snapshotPath(): string {
  const extensions = bundledExtensions.join("+");
  return join(tmpdir(), `${SNAPSHOT_PREFIX}${pgliteVersion()}-${extensions}-${migrationsFingerprint()}.tar`);
}

async function loadOrBuild(): Promise<Blob> {
  const path = snapshotPath();
  const cached = await readFile(path).catch(() => undefined);
  if (cached) return new Blob([cached]);
  const built = await buildSnapshot();
  // Write then rename: a concurrent reader sees the whole file or none.
  const partial = `${path}.${process.pid}.${Date.now()}`;
  await writeFile(partial, new Uint8Array(await built.arrayBuffer()));
  await rename(partial, path);
  await removeOtherSnapshots(path);
  return built;
}

/** Snapshots of earlier migrations; a process that read one keeps it in memory, so removing is safe. */
async function removeOtherSnapshots(current: string) {
  const folder = dirname(current);
  for (const file of await readdir(folder)) {
    const path = join(folder, file);
    if (file.startsWith(SNAPSHOT_PREFIX) && file.endsWith(".tar") && path !== current) {
      await rm(path, { force: true });
    }
  }
}

async function buildSnapshot(): Promise<Blob> {
  const pglite = await startPglite({ dataDir: IN_MEMORY });
  const handle = openPglite(pglite);
  try {
    await migrateToLatest(handle.db);
    return await pglite.dumpDataDir("none");
  } finally {
    await handle.close();
  }
}

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const manifest = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}
