import { company, updateCompanyInput } from "@crm/contracts";
import { updateCompany as update } from "@crm/domain";
import { etagResponseHeader, ifMatchRequestHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { preconditionOf } from "../../trpc/preconditions";
import { toCompanyDto } from "../contacts/dto";

export const updateCompany = permission("contacts:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/companies/{id}",
      tags: ["companies"],
      summary: "Rename a company",
      requestHeaders: ifMatchRequestHeader,
      responseHeaders: etagResponseHeader,
    },
  })
  .input(updateCompanyInput)
  .output(company)
  .mutation(async ({ ctx, input }) => {
    const precondition = preconditionOf(ctx, input.id, input.expectedUpdatedAt);
    return toCompanyDto(
      await update(ctx.container.contacts, ctx.actor, input.id, { name: input.name, ...precondition }),
    );
  });
