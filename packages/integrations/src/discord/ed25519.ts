import { createPublicKey, type KeyObject, verify } from "node:crypto";

// DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it.
const spkiPrefix = Buffer.from("302a300506032b6570032100", "hex");
const keys = new Map<string, KeyObject>();
const maxCachedKeys = 1000;

/** The application's public key as Discord shows it: 64 hex characters. */
export function ed25519PublicKey(hex: string): KeyObject | undefined {
  const cached = keys.get(hex);
  if (cached) return cached;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return undefined;
  const key = createPublicKey({
    key: Buffer.concat([spkiPrefix, Buffer.from(hex, "hex")]),
    format: "der",
    type: "spki",
  });
  if (keys.size >= maxCachedKeys) keys.clear();
  keys.set(hex, key);
  return key;
}

export function verifyEd25519(publicKeyHex: string, message: Uint8Array, signatureHex: string): boolean {
  if (!/^[0-9a-fA-F]{128}$/.test(signatureHex)) return false;
  const key = ed25519PublicKey(publicKeyHex);
  if (!key) return false;
  try {
    return verify(null, message, key, Buffer.from(signatureHex, "hex"));
  } catch {
    return false;
  }
}
