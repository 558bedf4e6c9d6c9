import type { WhatsAppConfig } from "@crm/domain";
import { fakeWamid, signedWhatsAppWebhook, whatsAppChange } from "@crm/integrations/testing/index";

/*
 * WhatsApp webhooks as Meta sends them, for the ingestion tests and the benchmark: several messages in one
 * change, media messages, statuses, all signed with the app secret.
 */

export interface TextMessageInput {
  from: string;
  text: string;
  name?: string;
  id?: string;
  timestamp?: Date;
}

const seconds = (date: Date = new Date()) => String(Math.floor(date.getTime() / 1000));

/** One change carrying every message (and every sender's profile), as Meta batches them. */
export function whatsAppMessagesWebhook(phoneNumberId: string, messages: TextMessageInput[]): object {
  const senders = new Map(messages.map((m) => [m.from, m.name ?? `Cliente ${m.from.slice(-4)}`]));
  return whatsAppChange(phoneNumberId, {
    contacts: [...senders].map(([waId, name]) => ({ profile: { name }, wa_id: waId })),
    messages: messages.map((m) => ({
      from: m.from,
      id: m.id ?? fakeWamid(),
      timestamp: seconds(m.timestamp),
      type: "text",
      text: { body: m.text },
    })),
  });
}

export function whatsAppImageWebhook(
  phoneNumberId: string,
  input: { from: string; mediaId: string; caption?: string; id?: string },
): object {
  return whatsAppChange(phoneNumberId, {
    contacts: [{ profile: { name: "Cliente" }, wa_id: input.from }],
    messages: [
      {
        from: input.from,
        id: input.id ?? fakeWamid(),
        timestamp: seconds(),
        type: "image",
        image: { id: input.mediaId, mime_type: "image/jpeg", caption: input.caption ?? "" },
      },
    ],
  });
}

/** POSTs a signed webhook to the API's /webhooks/whatsapp; answers the HTTP status. */
export async function postWhatsApp(
  baseUrl: string,
  config: WhatsAppConfig,
  payload: object,
): Promise<number> {
  const signed = signedWhatsAppWebhook(payload, config.appSecret);
  const response = await fetch(`${baseUrl}/webhooks/whatsapp`, {
    method: "POST",
    headers: signed.headers,
    body: signed.body,
  });
  await response.arrayBuffer();
  return response.status;
}
