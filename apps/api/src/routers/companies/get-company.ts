import { company, idInput } from "@crm/contracts";
import { getCompany as get } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toCompanyDto } from "../contacts/dto";

export const getCompany = permission("contacts:read")
  .meta({
    openapi: { method: "GET", path: "/companies/{id}", tags: ["companies"], summary: "Get a company" },
  })
  .input(idInput)
  .output(company)
  .query(async ({ ctx, input }) => toCompanyDto(await get(ctx.container.contacts, ctx.actor, input.id)));
