import { contact, contactTagInput } from "@crm/contracts";
import { untagContact as untag } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactDto } from "./dto";

export const untagContact = permission("contacts:write")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/contacts/{id}/tags/{tagId}",
      tags: ["contacts"],
      summary: "Detach a tag from the contact",
    },
  })
  .input(contactTagInput)
  .output(contact)
  .mutation(async ({ ctx, input }) =>
    toContactDto(await untag(ctx.container.contacts, ctx.actor, input.id, input.tagId)),
  );
