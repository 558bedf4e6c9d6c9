import type { PlainMessageKey } from "../../i18n/translate";
import type { CustomFieldDefinition } from "./custom-field-drafts";

export type CustomFieldType = CustomFieldDefinition["type"];

export const customFieldTypes: readonly CustomFieldType[] = [
  "text",
  "number",
  "date",
  "boolean",
  "single_select",
  "multi_select",
];

export const customFieldTypeLabels: Record<CustomFieldType, PlainMessageKey> = {
  text: "customFields.type.text",
  number: "customFields.type.number",
  date: "customFields.type.date",
  boolean: "customFields.type.boolean",
  single_select: "customFields.type.singleSelect",
  multi_select: "customFields.type.multiSelect",
};

export const isSelectType = (type: CustomFieldType): boolean =>
  type === "single_select" || type === "multi_select";

export const isCustomFieldType = (value: string): value is CustomFieldType =>
  (customFieldTypes as readonly string[]).includes(value);

/** One option per line, blanks and repeats dropped. */
export const parseOptions = (text: string): string[] => [
  ...new Set(
    text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== ""),
  ),
];
