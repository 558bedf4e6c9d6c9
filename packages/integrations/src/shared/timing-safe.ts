import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** Equality of two strings in time independent of where they differ and of their lengths (digests compared). */
export function safeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}

export const hmacSha256Hex = (secret: string, ...parts: Array<string | Uint8Array>): string => {
  const hmac = createHmac("sha256", secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
};

/** Header values as adapters see them: lower-cased names, possibly absent. */
export const header = (headers: Readonly<Record<string, string>>, name: string): string | undefined =>
  headers[name.toLowerCase()];
