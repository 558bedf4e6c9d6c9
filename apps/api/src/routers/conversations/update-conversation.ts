import { conversation, updateConversationInput } from "@crm/contracts";
import { updateConversation as update } from "@crm/domain";
import { etagResponseHeader, ifMatchRequestHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { preconditionOf } from "../../trpc/preconditions";
import { toConversationDto } from "./dto";

export const updateConversation = permission("conversations:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/conversations/{id}",
      tags: ["conversations"],
      summary: "Change a conversation's status or assignee",
      description:
        '`{ status: "snoozed", snoozedUntil }` snoozes it (snoozedUntil is required); `{ assignedTo }` ' +
        "assigns it and needs conversations:assign (owners and admins). Agents take an unassigned " +
        "conversation with `POST /conversations/{id}/claim` and give theirs back with `.../release`.",
      requestHeaders: ifMatchRequestHeader,
      responseHeaders: etagResponseHeader,
    },
  })
  .input(updateConversationInput)
  .output(conversation)
  .mutation(async ({ ctx, input }) => {
    const { id, snoozedUntil, expectedUpdatedAt, ...patch } = input;
    return toConversationDto(
      await update(ctx.container.conversations, ctx.actor, id, {
        ...patch,
        snoozedUntil: snoozedUntil === undefined ? undefined : new Date(snoozedUntil),
        ...preconditionOf(ctx, id, expectedUpdatedAt),
      }),
    );
  });
