import { typingInput, typingOutput } from "@crm/contracts/realtime/typing";
import { typingConversation } from "@crm/domain/realtime/typing";
import { permission } from "../../trpc/init";

export const stopTyping = permission("conversations:write")
  .meta({ userOnly: true })
  .input(typingInput)
  .output(typingOutput)
  .mutation(async ({ ctx, input }) => {
    const { realtime } = ctx.container;
    const target = await typingConversation(realtime.reads, ctx.actor, input.conversationId);
    await realtime.typing.stop(ctx.actor.organizationId, target);
    return { ok: true as const };
  });
