import type { WebhookOutcome } from "@crm/domain";
import type { Context } from "hono";

/** Providers read the status (and, for handshakes and Discord, the JSON); the message is for people debugging. */
export function respond(c: Context, outcome: WebhookOutcome): Response {
  switch (outcome.kind) {
    case "unauthorized":
      return c.json({ message: "Invalid or missing signature" }, 401);
    case "handshake":
      return c.json(outcome.reply.body as object, 200);
    case "accepted":
      return outcome.reply ? c.json(outcome.reply.body as object, 200) : c.body(null, 200);
    case "malformed":
      return c.body(null, 200);
    case "stale":
      // the routes ask again with a fresh integration; should one still get here, the provider retries
      return c.json({ message: "Try again" }, 503);
  }
}

export const unknownIntegration = (c: Context): Response => c.json({ message: "Unknown integration" }, 404);
