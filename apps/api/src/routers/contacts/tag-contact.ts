import { contact, contactTagInput } from "@crm/contracts";
import { tagContact as tag } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactDto } from "./dto";

export const tagContact = permission("contacts:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/contacts/{id}/tags",
      tags: ["contacts"],
      summary: "Attach a tag to the contact (attaching it twice changes nothing)",
    },
  })
  .input(contactTagInput)
  .output(contact)
  .mutation(async ({ ctx, input }) =>
    toContactDto(await tag(ctx.container.contacts, ctx.actor, input.id, input.tagId)),
  );
