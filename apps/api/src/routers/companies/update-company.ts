import { company, updateCompanyInput } from "@crm/contracts";
import { updateCompany as update } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toCompanyDto } from "../contacts/dto";

export const updateCompany = permission("contacts:write")
  .meta({
    openapi: { method: "PATCH", path: "/companies/{id}", tags: ["companies"], summary: "Rename a company" },
  })
  .input(updateCompanyInput)
  .output(company)
  .mutation(async ({ ctx, input }) =>
    toCompanyDto(await update(ctx.container.contacts, ctx.actor, input.id, { name: input.name })),
  );
