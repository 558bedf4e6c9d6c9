import { company, idInput } from "@crm/contracts";
import { getCompany as get } from "@crm/domain";
import { etagResponseHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { toCompanyDto } from "../contacts/dto";

export const getCompany = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/companies/{id}",
      tags: ["companies"],
      summary: "Get a company",
      responseHeaders: etagResponseHeader,
    },
  })
  .input(idInput)
  .output(company)
  .query(async ({ ctx, input }) => toCompanyDto(await get(ctx.container.contacts, ctx.actor, input.id)));
