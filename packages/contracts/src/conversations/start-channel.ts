import { z } from "zod";
import { id, timestamp } from "../shared/common";
import { conversationChannel, conversationStatus } from "./conversation";

export const startChannelsInput = z.object({
  contactId: id
    .describe(
      "Say for each integration whether it reaches this contact; absent: only what holds for everyone",
    )
    .optional(),
});

export const startChannel = z.object({
  id: id.describe("The integration to pass as integrationId to POST /conversations"),
  name: z.string(),
  channel: conversationChannel,
  unavailable: z
    .object({
      code: z
        .enum(["customer_starts", "no_phone", "never_wrote"])
        .describe(
          "customer_starts: the channel cannot write first (Discord); no_phone: WhatsApp needs the contact's " +
            "phone; never_wrote: Telegram and Slack need the contact to have written there once",
        ),
      message: z.string(),
    })
    .nullable()
    .describe("Why a conversation cannot be started through it; null when it can"),
  existing: z
    .object({
      id: id
        .nullable()
        .describe("Its id, to open it; null when you may not see it (an agent's, handled by someone else)"),
      status: conversationStatus.nullable().describe("null when you may not see it"),
      assignee: z
        .object({ id, name: z.string() })
        .nullable()
        .describe("Who handles it, so you know whom to ask; null when unassigned"),
      mayOpen: z.boolean().describe("Whether you may open it; when false, POST /conversations answers 409"),
    })
    .nullable()
    .describe(
      "With contactId: the contact's conversation on this integration, which POST /conversations would " +
        "answer 409 for instead of starting one; null when there is none (or the integration cannot reach them)",
    ),
  whatsappWindow: z
    .object({
      open: z.boolean().describe("Whether free text can be sent now; when false, only a template goes"),
      lastInboundAt: timestamp
        .nullable()
        .describe("The customer's newest message here; null if they never wrote"),
    })
    .nullable()
    .describe(
      "With contactId, on a WhatsApp integration that reaches the contact: its 24-hour customer-service " +
        "window; null on other channels and for a conversation you may not see",
    ),
});

export const startChannelList = z.object({ items: z.array(startChannel) });
