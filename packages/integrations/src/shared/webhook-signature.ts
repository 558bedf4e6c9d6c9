import { createHmac, timingSafeEqual } from "node:crypto";

/** Providers sign with a timestamp; older (or further in the future) than this is a replay. */
export const signatureToleranceSeconds = 300;

/** "t=1,v1=a,v1=b" -> [["t","1"],["v1","a"],["v1","b"]]; values may repeat. */
export const signatureParts = (header: string): Array<[string, string]> =>
  header.split(",").flatMap((part) => {
    const index = part.indexOf("=");
    return index > 0 ? [[part.slice(0, index).trim(), part.slice(index + 1).trim()] as [string, string]] : [];
  });

export const hmacHex = (secret: string, ...parts: Array<string | Uint8Array>): string => {
  const hmac = createHmac("sha256", secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
};

/** Constant-time comparison of two hex digests (length is public: both are SHA-256). */
export function sameHexDigest(expected: string, candidate: string): boolean {
  if (!/^[0-9a-f]+$/i.test(candidate) || candidate.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(candidate.toLowerCase(), "hex"));
}

/** A Unix timestamp in seconds (or milliseconds, as Mercado Pago sometimes sends) within the tolerance. */
export function isFresh(timestamp: string, now: number): boolean {
  if (!/^\d{1,16}$/.test(timestamp)) return false;
  const value = Number(timestamp);
  const seconds = value > 1e12 ? Math.floor(value / 1000) : value;
  return Math.abs(now - seconds) <= signatureToleranceSeconds;
}
