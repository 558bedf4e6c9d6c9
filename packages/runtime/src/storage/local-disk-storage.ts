import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { FileStorage } from "@crm/domain/shared/storage";

export interface LocalDiskStorageOptions {
  /** The folder files live in, e.g. `${DATA_DIR}/media`. */
  root: string;
  /** Prefix of the URLs answered by `put`; the API serves `${publicPath}/<key>` from `get`. */
  publicPath?: string;
}

const keyPattern = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;
const contentTypeSuffix = ".content-type";

function assertKey(key: string): void {
  if (!keyPattern.test(key) || key.split("/").some((part) => part === "..")) {
    throw new Error(`Invalid storage key "${key}"`);
  }
}

/**
 * Files on the local disk (embedded mode, or a volume shared by the API and the workers). Each file is
 * written to a temporary name and renamed, so a reader never sees half of it; its content type is kept
 * beside it.
 */
export function createLocalDiskStorage(options: LocalDiskStorageOptions): FileStorage {
  const root = resolve(options.root);
  const publicPath = (options.publicPath ?? "/media").replace(/\/$/, "");
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
      const contentType = await readFile(`${path}${contentTypeSuffix}`, "utf8").catch(
        () => "application/octet-stream",
      );
      return { bytes: new Uint8Array(bytes), contentType };
    },
  };
}
