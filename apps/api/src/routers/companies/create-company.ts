import { company, createCompanyInput } from "@crm/contracts";
import { createCompany as create } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toCompanyDto } from "../contacts/dto";

export const createCompany = permission("contacts:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/companies",
      tags: ["companies"],
      summary: "Create a company (409 with data.existingId when the name or CNPJ is taken)",
    },
  })
  .input(createCompanyInput)
  .output(company)
  .mutation(async ({ ctx, input }) => toCompanyDto(await create(ctx.container.contacts, ctx.actor, input)));
