import { contact, idInput } from "@crm/contracts";
import { getContact as get } from "@crm/domain";
import { etagResponseHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { toContactDto } from "./dto";

export const getContact = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/contacts/{id}",
      tags: ["contacts"],
      summary: "Get a contact",
      responseHeaders: etagResponseHeader,
    },
  })
  .input(idInput)
  .output(contact)
  .query(async ({ ctx, input }) => toContactDto(await get(ctx.container.contacts, ctx.actor, input.id)));
