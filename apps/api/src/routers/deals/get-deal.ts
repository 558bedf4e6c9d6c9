import { deal, idInput } from "@crm/contracts";
import { getDeal as get } from "@crm/domain";
import { etagResponseHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { toDealDto } from "./dto";

export const getDeal = permission("deals:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/deals/{id}",
      tags: ["deals"],
      summary: "Get a deal",
      responseHeaders: etagResponseHeader,
    },
  })
  .input(idInput)
  .output(deal)
  .query(async ({ ctx, input }) => toDealDto(await get(ctx.container.deals, ctx.actor, input.id)));
