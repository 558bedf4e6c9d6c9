import type { FileStorage, StoredFile, StoredFileReader } from "@crm/domain/shared/storage";

const publicPath = "/media/";

/** Files in a Map, for tests: the disk storage's contract, with `/media/<key>` locators. */
export function createMemoryFileStorage(): FileStorage &
  StoredFileReader & { files: Map<string, StoredFile> } {
  const files = new Map<string, StoredFile>();
  return {
    files,
    async put(key, file) {
      files.set(key, file);
      return { url: `${publicPath}${key}` };
    },
    get: async (key) => files.get(key),
    async remove(key) {
      files.delete(key);
    },
    async *keys() {
      // a copy: the caller may remove files while it reads
      yield* [...files.keys()];
    },
    // a Map entry is set whole: no write leaves anything behind
    removeAbandonedWrites: async () => 0,
    async open(key) {
      const file = files.get(key);
      if (!file) return undefined;
      const chunks = (async function* () {
        yield file.bytes;
      })();
      return { contentType: file.contentType, size: file.bytes.byteLength, chunks };
    },
    keyOf: (url) => (url.startsWith(publicPath) ? url.slice(publicPath.length) : undefined),
  };
}
