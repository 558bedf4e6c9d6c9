import { startChannelList, startChannelsInput } from "@crm/contracts";
import { listStartChannels as list, type StartChannel } from "@crm/domain";
import { permission } from "../../trpc/init";

const toStartChannelDto = (item: StartChannel) => ({
  ...item,
  whatsappWindow: item.whatsappWindow && {
    open: item.whatsappWindow.open,
    lastInboundAt: item.whatsappWindow.lastInboundAt?.toISOString() ?? null,
  },
});

export const listStartChannels = permission("conversations:write")
  .meta({
    openapi: {
      method: "GET",
      path: "/conversations/channels",
      tags: ["conversations"],
      summary: "The channel integrations a conversation can be started on",
      description:
        "The active WhatsApp, Telegram, Slack and Discord integrations (id, name and channel: never their " +
        "configuration), for anyone who may write. With `contactId`, each says whether it reaches that " +
        "contact (WhatsApp needs their phone, Telegram and Slack need them to have written there once, and " +
        "Discord conversations only start when the customer writes), the conversation they already have " +
        "there (an agent learns of one handled by someone else only that it exists and who handles it, " +
        "as the 409 of POST /conversations tells) and, on WhatsApp, whether the 24-hour window is open.",
    },
  })
  .input(startChannelsInput)
  .output(startChannelList)
  .query(async ({ ctx, input }) => ({
    items: (await list(ctx.container.conversations, ctx.actor, input)).map(toStartChannelDto),
  }));
