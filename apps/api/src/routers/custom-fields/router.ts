import type { TRPCRouterRecord } from "@trpc/server";
import { createCustomField } from "./create-custom-field";
import { customFieldUsage } from "./custom-field-usage";
import { deleteCustomField } from "./delete-custom-field";
import { listCustomFields } from "./list-custom-fields";
import { updateCustomField } from "./update-custom-field";

export const customFieldsRouter = {
  list: listCustomFields,
  create: createCustomField,
  update: updateCustomField,
  remove: deleteCustomField,
  usage: customFieldUsage,
} satisfies TRPCRouterRecord;
