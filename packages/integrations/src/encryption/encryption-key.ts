import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EncryptionKeyError";
  }
}

const keyFileName = "encryption.key";
const format = "32 bytes as 64 hexadecimal characters or base64 (e.g. `openssl rand -base64 32`)";

/** ENCRYPTION_KEY: 32 bytes written as hex or base64 (standard or URL-safe). */
export function parseEncryptionKey(text: string, source = "ENCRYPTION_KEY"): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}={0,2}$/.test(value)) {
    const key = Buffer.from(value, "base64");
    if (key.length === 32) return key;
  }
  throw new EncryptionKeyError(`${source} must be ${format}`);
}

export interface EncryptionKeyOptions {
  /** The configured key (ENCRYPTION_KEY), if any. */
  configured?: string | undefined;
  /** Where a generated key is kept (DATA_DIR). */
  dataDir: string;
  /** Whether a missing key may be generated (embedded mode); otherwise an existing key file is the only fallback. */
  generate: boolean;
}

export type EncryptionKeySource = "env" | "file" | "generated";

function readKeyFile(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return parseEncryptionKey(text, path);
}

/** Written under a temporary name and linked into place, so two processes starting together agree on one key. */
function createKeyFile(dataDir: string, path: string): Buffer {
  mkdirSync(dataDir, { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  const key = readKeyFile(path);
  if (!key) throw new EncryptionKeyError(`Could not create ${path}`);
  return key;
}

/**
 * The key integration credentials are encrypted with: ENCRYPTION_KEY when set; otherwise the key kept in
 * DATA_DIR/encryption.key, generated on first start in embedded mode. Every process that reads credentials
 * (API and worker) must use the same key.
 */
export function resolveEncryptionKey(options: EncryptionKeyOptions): {
  key: Buffer;
  source: EncryptionKeySource;
} {
  if (options.configured !== undefined && options.configured.trim() !== "") {
    return { key: parseEncryptionKey(options.configured), source: "env" };
  }
  const path = join(options.dataDir, keyFileName);
  const existing = readKeyFile(path);
  if (existing) return { key: existing, source: "file" };
  if (!options.generate) {
    throw new EncryptionKeyError(
      `ENCRYPTION_KEY is not set (${format}); it encrypts integration credentials and must be the same in the API and the worker`,
    );
  }
  return { key: createKeyFile(options.dataDir, path), source: "generated" };
}
