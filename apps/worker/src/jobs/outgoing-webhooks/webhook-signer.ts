import { createHmac, randomBytes } from "node:crypto";
import type { WebhookSigner } from "@crm/domain/outgoing-webhooks/ports";

export const webhookSigner: WebhookSigner = {
  sign: (secret, timestamp, body) =>
    `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`,
  newSecret: () => `whsec_${randomBytes(32).toString("base64url")}`,
};
