import { randomUUID } from "node:crypto";
import { mkdir, open, opendir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { FileStorage, StoredFileReader } from "@crm/domain/shared/storage";

export interface LocalDiskStorageOptions {
  /** The folder files live in, e.g. `${DATA_DIR}/media`. */
  root: string;
  /** Prefix of the locators answered by `put` (`${publicPath}/<key>`), read back by `keyOf`. */
  publicPath?: string;
  /**
   * How old a half-written file must be before `removeAbandonedWrites` takes it for what a dead write left.
   * A write starts once a download's bytes are in memory (each provider request gives up after 15 seconds,
   * and a slow one is retried rather than waited for) and lasts as long as the disk takes to write them, so
   * after an hour (the default) no running write can still own it.
   */
  abandonedAfterMs?: number;
}

const hourMs = 60 * 60 * 1000;

const keyPattern = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;
const contentTypeSuffix = ".content-type";
const partialPattern = /\.[0-9a-f]{8}-[0-9a-f-]{27}\.partial$/;
const isStoredFile = (name: string) => !name.endsWith(contentTypeSuffix) && !partialPattern.test(name);

const isKey = (key: string) => keyPattern.test(key) && !key.split("/").some((part) => part === "..");

function assertKey(key: string): void {
  if (!isKey(key)) throw new Error(`Invalid storage key "${key}"`);
}

/**
 * The file's bytes, opened only once the reader starts (an answer never sent holds no descriptor) and closed
 * at the end or when the reader stops. A file replaced since its size was taken fails rather than being sent
 * with the wrong length.
 */
async function* readChunks(path: string, size: number): AsyncGenerator<Uint8Array> {
  const handle = await open(path, "r");
  try {
    if ((await handle.stat()).size !== size) throw new Error(`Stored file ${path} changed while being read`);
    for await (const chunk of handle.createReadStream({ autoClose: false })) yield chunk as Uint8Array;
  } finally {
    await handle.close();
  }
}

/** The relative paths of the files under `prefix`, one directory open at a time. */
async function* filesUnder(root: string, prefix: string): AsyncGenerator<{ path: string; name: string }> {
  const dir = await opendir(join(root, prefix)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!dir) return;
  for await (const entry of dir) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* filesUnder(root, path);
    else if (entry.isFile()) yield { path, name: entry.name };
  }
}

/** The keys under `prefix`; content types and files being written aside. */
async function* keysUnder(root: string, prefix: string): AsyncGenerator<string> {
  for await (const file of filesUnder(root, prefix)) {
    if (isStoredFile(file.name) && isKey(file.path)) yield file.path;
  }
}

const modifiedAt = (path: string) =>
  stat(path).then(
    (info) => info.mtimeMs,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    },
  );

/**
 * Left by a write that died (crash, kill) and last written before `cutoff`: a temporary file never renamed,
 * or a content type whose file was never written (`put` writes the content type first).
 */
async function isAbandoned(path: string, name: string, cutoff: number): Promise<boolean> {
  const isContentType = name.endsWith(contentTypeSuffix);
  if (!isContentType && !partialPattern.test(name)) return false;
  const modified = await modifiedAt(path);
  if (modified === undefined || modified >= cutoff) return false;
  return !isContentType || (await modifiedAt(path.slice(0, -contentTypeSuffix.length))) === undefined;
}

/**
 * Files on the local disk (embedded mode, or a volume shared by the API and the workers). Each file is
 * written to a temporary name and renamed, so a reader never sees half of it; its content type is kept
 * beside it.
 */
export function createLocalDiskStorage(options: LocalDiskStorageOptions): FileStorage & StoredFileReader {
  const root = resolve(options.root);
  const publicPath = (options.publicPath ?? "/media").replace(/\/$/, "");
  const abandonedAfterMs = options.abandonedAfterMs ?? hourMs;
  const pathOf = (key: string) => {
    assertKey(key);
    return join(root, key);
  };

  async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
    const partial = `${path}.${randomUUID()}.partial`;
    try {
      await writeFile(partial, data);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  const contentTypeOf = (path: string) =>
    readFile(`${path}${contentTypeSuffix}`, "utf8").catch(() => "application/octet-stream");

  return {
    async put(key, file) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeAtomically(`${path}${contentTypeSuffix}`, file.contentType);
      await writeAtomically(path, file.bytes);
      return { url: `${publicPath}/${key}` };
    },

    async get(key) {
      const path = pathOf(key);
      const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (!bytes) return undefined;
      return { bytes: new Uint8Array(bytes), contentType: await contentTypeOf(path) };
    },

    async open(key) {
      const path = pathOf(key);
      const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (!info?.isFile()) return undefined;
      return { contentType: await contentTypeOf(path), size: info.size, chunks: readChunks(path, info.size) };
    },

    async remove(key) {
      const path = pathOf(key);
      // the content type first: should the second step fail, the file is still listed by `keys` for a retry
      await rm(`${path}${contentTypeSuffix}`, { force: true });
      await rm(path, { force: true });
    },

    keys: () => keysUnder(root, ""),

    async removeAbandonedWrites() {
      const cutoff = Date.now() - abandonedAfterMs;
      let removed = 0;
      for await (const file of filesUnder(root, "")) {
        const path = join(root, file.path);
        if (!(await isAbandoned(path, file.name, cutoff))) continue;
        await rm(path, { force: true });
        removed += 1;
      }
      return removed;
    },

    keyOf(url) {
      const prefix = `${publicPath}/`;
      if (!url.startsWith(prefix)) return undefined;
      const key = url.slice(prefix.length);
      return isKey(key) ? key : undefined;
    },
  };
}
