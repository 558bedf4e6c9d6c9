export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

/**
 * Files kept outside the database (message media). Keys are relative paths of letters, digits, `-`, `_`, `.`
 * and `/` (no `..`); a key is written whole or not at all, and writing it again replaces it.
 */
export interface FileStorage {
  /** Answers the URL clients fetch the file from (behind the API's authentication). */
  put(key: string, file: StoredFile): Promise<{ url: string }>;
  get(key: string): Promise<StoredFile | undefined>;
}
