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
      summary:
        "Change a company: only the fields given (409 with data.existingId when the name or CNPJ is taken)",
      requestHeaders: ifMatchRequestHeader,
      responseHeaders: etagResponseHeader,
    },
  })
  .input(updateCompanyInput)
  .output(company)
  .mutation(async ({ ctx, input }) => {
    const precondition = preconditionOf(ctx, input.id, input.expectedUpdatedAt);
    const { id, expectedUpdatedAt: _, ...fields } = input;
    return toCompanyDto(await update(ctx.container.contacts, ctx.actor, id, { ...fields, ...precondition }));
  });
