import { contactDealPage, contactPageInput } from "@crm/contracts";
import { listContactDeals as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactDealDto } from "./dto";

export const listContactDeals = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/contacts/{id}/deals",
      tags: ["contacts"],
      summary: "The contact's deals, newest first",
    },
  })
  .input(contactPageInput)
  .output(contactDealPage)
  .query(async ({ ctx, input }) => {
    const { id, ...page } = input;
    const result = await list(ctx.container.contacts, ctx.actor, id, page);
    return { items: result.items.map(toContactDealDto), nextCursor: result.nextCursor };
  });
