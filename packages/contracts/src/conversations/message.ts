import { z } from "zod";
import { noteMentions } from "../realtime/notification";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";
import { contactSummary, conversationChannel } from "./conversation";

export const deliveryStatus = z
  .enum(["pending", "sent", "delivered", "read", "failed"])
  .describe("Delivery of an outbound message: pending, sent, delivered, read or failed");

/** A template approved in the business's WhatsApp account, with the values of its body's {{1}}, {{2}}, ... */
export const messageTemplate = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9_]{1,512}$/, "A template name is 1 to 512 lower-case letters, digits or underscores")
      .describe("The template's name as approved in WhatsApp Manager, e.g. order_update"),
    language: z
      .string()
      .regex(
        /^[a-z]{2,3}(_[A-Z]{2})?$/,
        'A template language is the code of its approved translation, such as "pt_BR", "en_US" or "es"',
      )
      .describe("The approved translation to send, in Meta's form: pt_BR, en_US, es"),
    bodyParameters: z
      .array(
        z
          .string()
          .min(1, "A template parameter cannot be empty")
          .max(1024, "A template parameter holds at most 1024 characters")
          .regex(/^[^\p{Cc}]*$/u, "A template parameter cannot hold line breaks, tabs or control characters")
          .refine(
            (text) => !text.includes("     "),
            "A template parameter cannot hold more than 4 spaces in a row",
          ),
      )
      .max(20, "A template takes at most 20 body parameters")
      .describe("The values of the body's {{1}}, {{2}}, ... in order (default none)"),
  })
  .describe("A WhatsApp message template");

export const message = z.object({
  id,
  conversationId: id,
  channel: conversationChannel,
  direction: z.enum(["inbound", "outbound"]).describe("inbound: from the customer; outbound: from the team"),
  senderType: z.enum(["contact", "agent", "bot"]).describe("contact, agent (a user) or bot (an API key)"),
  senderId: id.nullable().describe("The user who wrote it; null for the customer and API keys"),
  apiKeyId: id
    .nullable()
    .describe(
      "The API key that sent it (senderType bot; its id stays after the key is deleted); null otherwise",
    ),
  content: z.string().describe("The text or caption; empty once deleted"),
  contentType: z.enum(["text", "image", "video", "audio", "file", "sticker", "location", "unsupported"]),
  isPrivate: z.boolean().describe("A note for the team, never sent to the customer"),
  status: deliveryStatus.nullable().describe("null for inbound messages and private notes"),
  statusAt: timestamp.nullable(),
  error: z.string().nullable().describe("Why sending failed"),
  channelMessageId: z.string().nullable().describe("The provider's id of the message"),
  template: messageTemplate
    .nullable()
    .describe("An outbound WhatsApp template: what was sent; `content` only describes it"),
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
  text: z
    .string()
    .max(40_000)
    .describe(
      "The text; each channel has its limit (Discord 2000, WhatsApp 4096). Required without `template`",
    )
    .optional(),
  isPrivate: z.boolean().describe("A note for the team: stored, never sent (default false)").optional(),
  template: messageTemplate
    .extend({ bodyParameters: messageTemplate.shape.bodyParameters.optional() })
    .strict()
    .describe(
      "WhatsApp only, instead of `text`: an approved message template, the only message WhatsApp delivers " +
        "more than 24 hours after the customer's last message (e.g. to open a conversation)",
    )
    .optional(),
}).superRefine((input, ctx) => {
  if (input.template && input.text !== undefined) {
    ctx.addIssue({ code: "custom", path: ["text"], message: "Send either a text or a template, not both" });
  } else if (input.template && input.isPrivate) {
    ctx.addIssue({
      code: "custom",
      path: ["isPrivate"],
      message: "A private note is text: it cannot be a template",
    });
  } else if (!input.template && input.text === undefined) {
    ctx.addIssue({ code: "custom", path: ["text"], message: "Write a text, or choose a template" });
  }
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
    .describe(
      "recent (the default): newest first; relevance: the 1,000 newest matches (all of them inside one conversation), most relevant first, then newest",
    )
    .optional(),
});

export const messageSearchHit = z.object({
  message,
  rank: z.number().describe("Relevance (ts_rank): the order of `sort=relevance`"),
  snippet: z.string().describe("HTML: the message's text escaped, the matching words in <b></b>"),
  contact: contactSummary.nullable(),
});
export const messageSearchPage = pageOf(messageSearchHit);
