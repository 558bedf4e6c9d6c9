import type { WebhookBody, WebhookRequest } from "@crm/domain";
import type { Context } from "hono";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The raw bytes (signatures are over them, not over a re-serialized body) and the body decoded as JSON. */
export async function readWebhook(c: Context): Promise<{ request: WebhookRequest; body: WebhookBody }> {
  const rawBody = new Uint8Array(await c.req.arrayBuffer());
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const request: WebhookRequest = { rawBody, headers, now: Math.floor(Date.now() / 1000) };
  return { request, body: decodeJson(rawBody) };
}

function decodeJson(rawBody: Uint8Array): WebhookBody {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return { ok: false, text: Buffer.from(rawBody).toString("latin1"), reason: "not UTF-8" };
  }
  try {
    return { ok: true, payload: JSON.parse(text) };
  } catch (error) {
    return { ok: false, text, reason: error instanceof Error ? error.message : "invalid JSON" };
  }
}
