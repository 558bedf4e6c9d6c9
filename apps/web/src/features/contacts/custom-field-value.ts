import type { Locale } from "../../i18n/locale";
import { formatCalendarDate } from "../../lib/format";
import type { CustomFieldDefinition } from "./custom-field-drafts";

type StoredValue = string | number | boolean | string[];

/** A stored custom field value as a person reads it; null when the contact has none. */
export function formatCustomFieldValue(
  definition: Pick<CustomFieldDefinition, "type">,
  value: StoredValue | undefined,
  locale: Locale,
  words: { yes: string; no: string },
): string | null {
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return null;
  if (Array.isArray(value)) return value.join(", ");
  switch (definition.type) {
    case "boolean":
      return value === true ? words.yes : words.no;
    case "number":
      return typeof value === "number" ? new Intl.NumberFormat(locale).format(value) : String(value);
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? formatCalendarDate(value, locale)
        : String(value);
    default:
      return String(value);
  }
}
