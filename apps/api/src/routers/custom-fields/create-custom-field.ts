import { createCustomFieldInput, customField } from "@crm/contracts";
import { createCustomField as create } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toCustomFieldDto } from "../contacts/dto";

// A definition is an organization setting (it shapes every contact's form and the CSV columns): owners and
// admins manage it, while agents keep writing its values on contacts (contacts:write).
export const createCustomField = permission("organizations:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/custom-fields",
      tags: ["custom-fields"],
      summary: "Define a custom contact field (409 with data.existingId when the key is taken)",
    },
  })
  .input(createCustomFieldInput)
  .output(customField)
  .mutation(async ({ ctx, input }) =>
    toCustomFieldDto(await create(ctx.container.contacts, ctx.actor, input)),
  );
