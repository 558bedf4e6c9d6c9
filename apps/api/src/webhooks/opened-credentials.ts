import type { CredentialCipher, SealedSecret } from "@crm/domain";

/**
 * Webhook routing reuses the integrations it found for a minute (`integration-cache.ts`): their sealed
 * credentials are then the same objects on every webhook, so each is decrypted once, not per request. The
 * plaintext lives as long as the cached integration does (a WeakMap keyed by the sealed object).
 */
export function reuseOpenedCredentials(cipher: CredentialCipher): CredentialCipher {
  const opened = new WeakMap<SealedSecret, { context: string; plaintext: string }>();
  return {
    seal: (plaintext, context) => cipher.seal(plaintext, context),
    fingerprint: (value) => cipher.fingerprint(value),
    open(sealed, context) {
      const hit = opened.get(sealed);
      if (hit?.context === context) return hit.plaintext;
      const plaintext = cipher.open(sealed, context);
      opened.set(sealed, { context, plaintext });
      return plaintext;
    },
  };
}
