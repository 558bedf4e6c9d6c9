import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

export const customFieldType = z
  .enum(["text", "number", "date", "boolean", "single_select", "multi_select"])
  .describe("Type of the values; a date is YYYY-MM-DD");

export const customField = z.object({
  id,
  key: z.string().describe("Name of the value in a contact's metadata and of its CSV column"),
  label: z.string(),
  type: customFieldType,
  options: z.array(z.string()).describe("Allowed values of a select; empty for other types"),
  required: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const customFieldPage = pageOf(customField);
export const listCustomFieldsInput = z.object({ ...pageInput });

const options = z.array(z.string().max(200)).max(200);

export const createCustomFieldInput = strictInput({
  key: z
    .string()
    .max(100)
    .describe("Lower-case letters, digits and _, starting with a letter; fixed once created"),
  label: z.string().max(200),
  type: customFieldType.describe("Fixed once created"),
  options: options.optional().describe("Required for selects"),
  required: z.boolean().optional().describe("Every new contact must have a value (default false)"),
});

export const updateCustomFieldInput = strictInput({
  id,
  label: z.string().max(200).optional(),
  options: options.optional().describe("The full new list of options of a select"),
  required: z.boolean().optional(),
});
