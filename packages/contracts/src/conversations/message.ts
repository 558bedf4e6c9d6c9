import { z } from "zod";
import { noteMentions } from "../realtime/notification";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";
import { contactSummary, conversationChannel } from "./conversation";

export const deliveryStatus = z
  .enum(["pending", "sent", "delivered", "read", "failed"])
  .describe("Delivery of an outbound message: pending, sent, delivered, read or failed");

export const message = z.object({
  id,
  conversationId: id,
  channel: conversationChannel,
  direction: z.enum(["inbound", "outbound"]).describe("inbound: from the customer; outbound: from the team"),
  senderType: z.enum(["contact", "agent", "bot"]).describe("contact, agent (a user) or bot (an API key)"),
  senderId: id.nullable().describe("The user who wrote it; null for the customer and API keys"),
  content: z.string().describe("The text or caption; empty once deleted"),
  contentType: z.enum(["text", "image", "video", "audio", "file", "sticker", "location", "unsupported"]),
  isPrivate: z.boolean().describe("A note for the team, never sent to the customer"),
  status: deliveryStatus.nullable().describe("null for inbound messages and private notes"),
  statusAt: timestamp.nullable(),
  error: z.string().nullable().describe("Why sending failed"),
  channelMessageId: z.string().nullable().describe("The provider's id of the message"),
  media: z
    .object({
      url: z
        .string()
        .nullable()
        .describe(
          "Once stored: /api/v1/messages/{id}/media, relative to the API's origin, fetched with the same authentication",
        ),
      status: z.enum(["pending", "stored", "failed"]).nullable(),
      mimeType: z.string().nullable(),
      fileName: z.string().nullable(),
    })
    .nullable(),
  sentAt: timestamp.describe("The provider's time of the message; messages are ordered by it"),
  createdAt: timestamp,
  deletedAt: timestamp.nullable().describe("Set once deleted: content and media are gone"),
});
export const messagePage = pageOf(message);

export const listMessagesInput = z.object({ id: id.describe("The conversation"), ...pageInput });

export const sendMessageInput = strictInput({
  id: id.describe("The conversation"),
  text: z.string().max(40_000).describe("The text; each channel has its limit (Discord 2000, WhatsApp 4096)"),
  isPrivate: z.boolean().describe("A note for the team: stored, never sent (default false)").optional(),
});

/** The answer to sending: the message, and for a private note who its @mentions notify. */
export const sentMessage = message.extend({
  mentions: noteMentions
    .describe("Private notes only: who the @mentions notify, and who they do not and why")
    .optional(),
});

export const searchMessagesInput = z.object({
  ...pageInput,
  q: z
    .string()
    .min(1)
    .max(200)
    .describe('Portuguese full-text search, web-search syntax: words, "a phrase", -excluded, or'),
  conversationId: id.describe("Only in this conversation").optional(),
  sort: z
    .enum(["recent", "relevance"])
    .describe("recent (the default): newest first; relevance: most relevant first, then newest")
    .optional(),
});

export const messageSearchHit = z.object({
  message,
  rank: z.number().describe("Relevance (ts_rank): the order of `sort=relevance`"),
  snippet: z.string().describe("HTML: the message's text escaped, the matching words in <b></b>"),
  contact: contactSummary.nullable(),
});
export const messageSearchPage = pageOf(messageSearchHit);
