import { idInput, okOutput } from "@crm/contracts";
import { deleteConversation as remove } from "@crm/domain";
import { ifMatchRequestHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { preconditionOf } from "../../trpc/preconditions";

/** Destroys the customer's history, so it is for owners and admins: the matrix's conversations:assign. */
export const deleteConversation = permission("conversations:assign")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/conversations/{id}",
      tags: ["conversations"],
      summary: "Delete a conversation with its messages (owners and admins)",
      requestHeaders: ifMatchRequestHeader,
    },
  })
  .input(idInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.conversations, ctx.actor, input.id, preconditionOf(ctx, input.id));
    return { ok: true as const };
  });
