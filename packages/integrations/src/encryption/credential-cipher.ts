import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { CredentialCipher, SealedSecret } from "@crm/domain";

const algorithm = "aes-256-gcm";
const ivBytes = 12;
const tagBytes = 16;

/** AES-256-GCM with a fresh 96-bit nonce per value; the context (organization id) is authenticated, not stored. */
export function createCredentialCipher(key: Buffer): CredentialCipher {
  if (key.length !== 32) throw new Error("The credential key must be 32 bytes");
  // lookups hash with a key derived from the encryption key, never with the key itself
  const fingerprintKey = createHmac("sha256", key).update("crm:fingerprint:v1").digest();

  return {
    seal(plaintext, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv(algorithm, key, iv, { authTagLength: tagBytes });
      cipher.setAAD(Buffer.from(context, "utf8"));
      const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return {
        v: 1,
        iv: iv.toString("base64"),
        tag: cipher.getAuthTag().toString("base64"),
        data: data.toString("base64"),
      } satisfies SealedSecret;
    },

    open(sealed, context) {
      if (sealed.v !== 1) throw new Error(`Unknown credential format version ${String(sealed.v)}`);
      const decipher = createDecipheriv(algorithm, key, Buffer.from(sealed.iv, "base64"), {
        authTagLength: tagBytes,
      });
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
      try {
        return Buffer.concat([
          decipher.update(Buffer.from(sealed.data, "base64")),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw new Error(
          "Cannot decrypt integration credentials: ENCRYPTION_KEY is not the key they were encrypted with",
        );
      }
    },

    fingerprint(value) {
      return createHmac("sha256", fingerprintKey).update(value, "utf8").digest("hex");
    },
  };
}
