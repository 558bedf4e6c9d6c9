export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

/**
 * Files kept outside the database (message media). Keys are relative paths of letters, digits, `-`, `_`, `.`
 * and `/` (no `..`); a key is written whole or not at all, and writing it again replaces it.
 */
export interface FileStorage {
  /**
   * Answers where the file is kept, stored on the message as its locator. Clients never see it: the API serves
   * a message's media at `/api/v1/messages/{id}/media`, after checking who asks.
   */
  put(key: string, file: StoredFile): Promise<{ url: string }>;
  get(key: string): Promise<StoredFile | undefined>;
  /** Removes the file; a key with no file is not an error (removing twice is fine). */
  remove(key: string): Promise<void>;
  /** Every stored key, found as the caller reads (storage can hold many files); files being written are not. */
  keys(): AsyncIterable<string>;
  /**
   * Removes what writes that never finished left behind (the process died mid-write), once old enough that no
   * write still running can own it; answers how many files went.
   */
  removeAbandonedWrites(): Promise<number>;
}

/** A stored file opened for reading, its bytes read as they are sent (media can be tens of megabytes). */
export interface OpenedFile {
  contentType: string;
  size: number;
  /** Read once; the file is closed at the end, or when the reader stops early. */
  chunks: AsyncIterable<Uint8Array>;
}

/** Reading files back by the locator `put` answered (the API serving message media). */
export interface StoredFileReader {
  /** The key of a URL `put` answered; undefined for any other URL (another storage, a malformed key). */
  keyOf(url: string): string | undefined;
  open(key: string): Promise<OpenedFile | undefined>;
}

/** Erasing files: by the locator a message kept (`keyOf`), or by key for the sweep of forgotten ones. */
export type FileEraser = Pick<FileStorage, "remove" | "keys" | "removeAbandonedWrites"> &
  Pick<StoredFileReader, "keyOf">;
