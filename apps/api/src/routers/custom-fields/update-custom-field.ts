import { customField, updateCustomFieldInput } from "@crm/contracts";
import { updateCustomField as update } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toCustomFieldDto } from "../contacts/dto";

// A definition is an organization setting: see create-custom-field.ts.
export const updateCustomField = permission("organizations:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/custom-fields/{id}",
      tags: ["custom-fields"],
      summary: "Change a custom field's label, options or required flag (key and type are fixed)",
    },
  })
  .input(updateCustomFieldInput)
  .output(customField)
  .mutation(async ({ ctx, input }) => {
    const { id, ...patch } = input;
    return toCustomFieldDto(await update(ctx.container.contacts, ctx.actor, id, patch));
  });
