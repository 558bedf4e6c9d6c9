import { z } from "zod";
import { id } from "../shared/common";
import { conversationChannel } from "./conversation";

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
});

export const startChannelList = z.object({ items: z.array(startChannel) });
