import {
  type DeliveryStatus,
  type InboundMedia,
  type InboundMessage,
  type MessageContentType,
  type ParsedWebhook,
  parsePhone,
  type StatusUpdate,
} from "@crm/domain";
import { asArray, asRecord, asString, definedOnly, fromEpochSeconds, type JsonRecord } from "../shared/json";

const mediaTypes: Record<string, MessageContentType> = {
  image: "image",
  video: "video",
  audio: "audio",
  document: "file",
  sticker: "sticker",
};

const deliveryStatuses = new Set<DeliveryStatus>(["sent", "delivered", "read", "failed"]);

/** WhatsApp reports many Brazilian mobiles without their ninth digit; parsePhone puts it back. */
function phoneOf(waId: string): string | undefined {
  try {
    return parsePhone(`+${waId}`);
  } catch {
    return undefined;
  }
}

/** Contact cards the customer shared, one line each: the name, then the numbers and emails on the card. */
function sharedContactsText(cards: unknown[]): string {
  return cards
    .map((value) => {
      const card = asRecord(value) ?? {};
      const name = asString(asRecord(card.name)?.formatted_name);
      const phones = asArray(card.phones).map((phone) => asString(asRecord(phone)?.phone));
      const emails = asArray(card.emails).map((email) => asString(asRecord(email)?.email));
      return [name, ...phones, ...emails].filter(Boolean).join(" · ");
    })
    .filter((line) => line !== "")
    .join("\n");
}

/** A catalog order: the customer's note, then one line per item (quantity × the product's retailer id). */
function orderText(order: JsonRecord): string {
  const items = asArray(order.product_items).map((value) => {
    const item = asRecord(value) ?? {};
    return `${String(item.quantity ?? 1)} × ${asString(item.product_retailer_id) ?? "?"}`;
  });
  return [asString(order.text), ...items].filter(Boolean).join("\n");
}

function contentOf(message: JsonRecord): {
  contentType: MessageContentType;
  text: string;
  media?: InboundMedia;
} {
  const type = asString(message.type) ?? "unsupported";
  const mediaType = mediaTypes[type];
  if (mediaType) {
    const media = asRecord(message[type]) ?? {};
    const id = asString(media.id);
    return {
      contentType: mediaType,
      text: asString(media.caption) ?? "",
      ...(id !== undefined && {
        media: definedOnly({
          providerMediaId: id,
          mimeType: asString(media.mime_type),
          fileName: asString(media.filename),
        }),
      }),
    };
  }
  switch (type) {
    case "text":
      return { contentType: "text", text: asString(asRecord(message.text)?.body) ?? "" };
    case "location": {
      const location = asRecord(message.location) ?? {};
      const coordinates = `${location.latitude},${location.longitude}`;
      const lines = [asString(location.name), asString(location.address), coordinates];
      return { contentType: "location", text: lines.filter(Boolean).join("\n") };
    }
    case "interactive": {
      const interactive = asRecord(message.interactive) ?? {};
      const reply = asRecord(interactive.button_reply) ?? asRecord(interactive.list_reply);
      return { contentType: "text", text: asString(reply?.title) ?? "" };
    }
    case "button":
      return { contentType: "text", text: asString(asRecord(message.button)?.text) ?? "" };
    case "contacts":
      return { contentType: "text", text: sharedContactsText(asArray(message.contacts)) };
    case "order":
      return { contentType: "text", text: orderText(asRecord(message.order) ?? {}) };
    default:
      return { contentType: "unsupported", text: "" };
  }
}

// Reactions and system notices (number changed, ...) are not messages of the conversation.
const skippedTypes = new Set(["reaction", "system", "ephemeral", "request_welcome"]);

function toInboundMessage(value: unknown, names: Map<string, string>): InboundMessage | undefined {
  const message = asRecord(value);
  const id = asString(message?.id);
  const from = asString(message?.from);
  if (!message || !id || !from || skippedTypes.has(asString(message.type) ?? "")) return undefined;
  const replyTo = asString(asRecord(message.context)?.id);
  return {
    channelMessageId: id,
    threadId: from,
    sender: definedOnly({ channelUserId: from, name: names.get(from), phone: phoneOf(from) }),
    sentAt: fromEpochSeconds(message.timestamp),
    ...contentOf(message),
    ...(replyTo !== undefined && { replyToChannelMessageId: replyTo }),
  };
}

function toStatusUpdate(value: unknown): StatusUpdate | undefined {
  const status = asRecord(value);
  const id = asString(status?.id);
  const state = asString(status?.status) as DeliveryStatus | undefined;
  if (!status || !id || !state || !deliveryStatuses.has(state) || state === "pending") return undefined;
  const error = asRecord(asArray(status.errors)[0]);
  const details = asString(asRecord(error?.error_data)?.details) ?? asString(error?.message);
  const description = error
    ? [`${asString(error.title) ?? "Error"} (${String(error.code)})`, details].filter(Boolean).join(": ")
    : undefined;
  return {
    channelMessageId: id,
    status: state,
    at: fromEpochSeconds(status.timestamp),
    ...(description !== undefined && { error: description }),
  };
}

/** Every message and status of every change of every entry (Meta batches them). */
export function parseWhatsAppWebhook(payload: unknown): ParsedWebhook {
  const parsed: ParsedWebhook = { messages: [], statuses: [] };
  for (const entry of asArray(asRecord(payload)?.entry)) {
    for (const change of asArray(asRecord(entry)?.changes)) {
      const value = asRecord(asRecord(change)?.value);
      if (!value) continue;
      const names = new Map<string, string>();
      for (const contact of asArray(value.contacts)) {
        const waId = asString(asRecord(contact)?.wa_id);
        const name = asString(asRecord(asRecord(contact)?.profile)?.name);
        if (waId && name) names.set(waId, name);
      }
      for (const message of asArray(value.messages)) {
        const inbound = toInboundMessage(message, names);
        if (inbound) parsed.messages.push(inbound);
      }
      for (const status of asArray(value.statuses)) {
        const update = toStatusUpdate(status);
        if (update) parsed.statuses.push(update);
      }
    }
  }
  return parsed;
}
