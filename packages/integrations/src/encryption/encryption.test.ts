import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCredentialCipher } from "./credential-cipher";
import { EncryptionKeyError, parseEncryptionKey, resolveEncryptionKey } from "./encryption-key";

const key = randomBytes(32);

describe("credential cipher", () => {
  const cipher = createCredentialCipher(key);

  it("round-trips, with a fresh nonce each time and no plaintext in the sealed value", () => {
    const secret = '{"botToken":"123456:secret-token-value"}';
    const a = cipher.seal(secret, "org-1");
    const b = cipher.seal(secret, "org-1");
    expect(a.iv).not.toBe(b.iv);
    expect(JSON.stringify(a)).not.toContain("secret-token-value");
    expect(cipher.open(a, "org-1")).toBe(secret);
  });

  it("refuses a value sealed for another organization, tampered with, or under another key", () => {
    const sealed = cipher.seal("secret", "org-1");
    expect(() => cipher.open(sealed, "org-2")).toThrow(/ENCRYPTION_KEY/);
    const flipped = Buffer.from(sealed.data, "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => cipher.open({ ...sealed, data: flipped.toString("base64") }, "org-1")).toThrow();
    expect(() => createCredentialCipher(randomBytes(32)).open(sealed, "org-1")).toThrow(/ENCRYPTION_KEY/);
  });

  it("fingerprints deterministically, per key", () => {
    expect(cipher.fingerprint("token")).toBe(cipher.fingerprint("token"));
    expect(cipher.fingerprint("token")).not.toBe(cipher.fingerprint("other"));
    expect(createCredentialCipher(randomBytes(32)).fingerprint("token")).not.toBe(
      cipher.fingerprint("token"),
    );
  });
});

describe("ENCRYPTION_KEY", () => {
  it("reads 32 bytes as hex or base64", () => {
    expect(parseEncryptionKey(key.toString("hex"))).toEqual(key);
    expect(parseEncryptionKey(key.toString("base64"))).toEqual(key);
    expect(parseEncryptionKey(key.toString("base64url"))).toEqual(key);
  });

  it("explains the format when the key is wrong", () => {
    expect(() => parseEncryptionKey("short")).toThrow(EncryptionKeyError);
    expect(() => parseEncryptionKey(randomBytes(16).toString("hex"))).toThrow(/32 bytes/);
    expect(() => parseEncryptionKey(randomBytes(31).toString("base64"))).toThrow(/32 bytes/);
  });

  it("prefers the configured key", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "crm-key-"));
    expect(resolveEncryptionKey({ configured: key.toString("hex"), dataDir, generate: true })).toEqual({
      key,
      source: "env",
    });
  });

  it("generates a key once in DATA_DIR (mode 0600) and reads the same one after a restart", () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "crm-key-")), "nested");
    const first = resolveEncryptionKey({ dataDir, generate: true });
    expect(first.source).toBe("generated");
    const path = join(dataDir, "encryption.key");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(parseEncryptionKey(readFileSync(path, "utf8"))).toEqual(first.key);
    expect(resolveEncryptionKey({ dataDir, generate: true })).toEqual({ key: first.key, source: "file" });
    expect(resolveEncryptionKey({ dataDir, generate: false })).toEqual({ key: first.key, source: "file" });
  });

  it("fails clearly when nothing is configured and generating is not allowed", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "crm-key-"));
    expect(() => resolveEncryptionKey({ dataDir, generate: false })).toThrow(/ENCRYPTION_KEY is not set/);
  });
});
