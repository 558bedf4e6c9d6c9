import type { SecretTokens } from "@crm/domain";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** 160 random bits as base32; stored only as SHA-256 (a leaked table grants nothing). */
export const secretTokens: SecretTokens = {
  generate() {
    const bytes = new Uint8Array(20);
    crypto.getRandomValues(bytes);
    return encodeBase32LowerCaseNoPadding(bytes);
  },
  hash(token) {
    return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
  },
};
