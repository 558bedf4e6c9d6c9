import { contactDeletionImpact, idInput } from "@crm/contracts";
import { contactDeletionImpact as impact } from "@crm/domain";
import { permission } from "../../trpc/init";

// what deleting would take: asked by those who may delete, counted over every conversation, seen or not
export const getContactDeletionImpact = permission("contacts:delete")
  .meta({
    openapi: {
      method: "GET",
      path: "/contacts/{id}/deletion-impact",
      tags: ["contacts"],
      summary:
        "What deleting the contact affects: its conversations and their messages (deleted), its deals (kept " +
        "without a contact) and their pending payment links (left open at the provider)",
    },
  })
  .input(idInput)
  .output(contactDeletionImpact)
  .query(({ ctx, input }) => impact(ctx.container.contacts, ctx.actor, input.id));
