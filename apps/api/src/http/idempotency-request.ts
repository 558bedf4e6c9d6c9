import { createHash } from "node:crypto";
import type { IdempotentRequest, StoredAnswer } from "@crm/domain/shared/idempotency";
import type { Context } from "hono";

/** JSON with its object keys sorted: a retry that serializes the same input differently is the same request. */
function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, canonicalJson(item)]));
}

function canonicalBody(text: string): string {
  try {
    return JSON.stringify(canonicalJson(JSON.parse(text)));
  } catch {
    return text;
  }
}

/** Method, path with query, and a hash of the body, read from a copy so the handler still reads the original. */
export async function fingerprintOf(c: Context): Promise<IdempotentRequest> {
  const url = new URL(c.req.url);
  // a DELETE's body is read by neither protocol
  const body = c.req.method === "DELETE" ? "" : await c.req.raw.clone().text();
  return {
    method: c.req.method,
    path: `${url.pathname}${url.search}`,
    bodyHash: createHash("sha256").update(canonicalBody(body)).digest("hex"),
  };
}

/** Worth retrying, so not to be replayed: the server failed, or the request was not let through (429). */
const retryable = (status: unknown) => typeof status === "number" && (status >= 500 || status === 429);

interface BatchItem {
  error?: { data?: { httpStatus?: unknown } };
}

/** A tRPC batch whose calls answered differently is a 207: each call's status is in its error's data. */
function batchHasRetryable(body: string): boolean {
  try {
    const items: unknown = JSON.parse(body);
    if (!Array.isArray(items)) return true;
    return items.some((item) => retryable((item as BatchItem | null)?.error?.data?.httpStatus));
  } catch {
    return true;
  }
}

/** The handler's answer as kept for replay, or undefined when the key is to be released instead. */
export async function keptAnswer(response: Response): Promise<StoredAnswer<string> | undefined> {
  if (retryable(response.status)) return undefined;
  const body = await response.clone().text();
  if (response.status === 207 && batchHasRetryable(body)) return undefined;
  return { status: response.status, contentType: response.headers.get("content-type"), body };
}

/** The stored answer again, saying it is one; a create's with its `Location` (not stored: read from the body). */
export function replayed(answer: StoredAnswer<string>, location?: string): Response {
  const headers = new Headers({ "Idempotent-Replayed": "true" });
  if (answer.contentType) headers.set("content-type", answer.contentType);
  if (location) headers.set("location", location);
  return new Response(answer.body === "" ? null : answer.body, { status: answer.status, headers });
}
