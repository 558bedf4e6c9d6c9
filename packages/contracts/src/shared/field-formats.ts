import { z } from "zod";

/**
 * Messages that name the refused field and show a value it takes, instead of zod's own words (which quote its
 * regular expressions). A missing field keeps zod's message; the issue codes, and so `fieldReasons`, are zod's.
 */
function namingField(wording: string) {
  return (issue: z.core.$ZodRawIssue): string | undefined =>
    issue.input === undefined
      ? undefined
      : `${issue.path && issue.path.length > 0 ? issue.path.map(String).join(".") : "The value"} ${wording}`;
}

export const timestamp = z.iso
  .datetime({ offset: true, error: namingField("must be a date and time such as 2026-11-28T09:00:00-03:00") })
  .describe("ISO 8601 timestamp");

/** "YYYY-MM-DD" */
export const calendarDate = z
  .string({ error: namingField("must be a date such as 2025-12-31") })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: namingField("must be a date such as 2025-12-31") })
  .describe("Calendar date YYYY-MM-DD");

/** A whole number from `min` to `max`; `coerced` for a query parameter, whose value is text. */
export function wholeNumber(min: number, max: number, example: number, coerced = false) {
  const error = namingField(`must be a whole number from ${min} to ${max}, such as ${example}`);
  return (coerced ? z.coerce.number({ error }) : z.number({ error }))
    .int({ error })
    .min(min, { error })
    .max(max, { error });
}
