/**
 * Why an import row was skipped or failed, as a code with its values: the web app words it in the reader's
 * language, and `describeImportReasons` words it in English for the API's `reason`.
 */
export const importReasonCodes = [
  "row_too_long",
  "separator_mismatch",
  "unclosed_quote",
  "unreadable",
  "name_required",
  "name_too_long",
  "invalid_email",
  "invalid_phone",
  "company_too_long",
  "tag_too_long",
  "field_required",
  "invalid_text",
  "text_too_long",
  "invalid_number",
  "ambiguous_number",
  "invalid_boolean",
  "invalid_date",
  "impossible_date",
  "invalid_option",
  "duplicate",
  "duplicate_in_file",
  "unchanged",
  "nothing_to_fill",
  "changed_fields",
  "identity_conflict",
  "id_conflict",
  "created_meanwhile",
  "taken_meanwhile",
  "deleted_meanwhile",
  "other",
] as const satisfies ReadonlyArray<string>;
export type ImportReasonCode = (typeof importReasonCodes)[number];

export interface ImportReason {
  code: ImportReasonCode;
  /**
   * The values its wording needs: `field` and `label` name a custom field, `value` is the cell's text, `row`
   * an earlier row of the file, `fields` the changed fields separated by commas (`metadata.<key>` for custom ones).
   */
  params: Record<string, string | number>;
}

export const importReason = (
  code: ImportReasonCode,
  params: Record<string, string | number> = {},
): ImportReason => ({ code, params });

const text = (value: string | number | undefined) => (value === undefined ? "" : String(value));

const customField = (params: ImportReason["params"], problem: string) =>
  `metadata.${text(params.field)}: ${text(params.label)} ${problem}`;

const dateFormats: Record<string, string> = { dmy: "DD/MM/YYYY", mdy: "MM/DD/YYYY" };

function describeImportReason({ code, params }: ImportReason): string {
  switch (code) {
    case "row_too_long":
      return `The row has ${text(params.values)} values but the header has ${text(params.columns)} columns`;
    case "separator_mismatch":
      return `The row is separated by "${text(params.separator)}" but the header by "${text(params.headerSeparator)}": save the file again with one separator (a header typed into one cell does this)`;
    case "unclosed_quote":
      return `A quote opened here is never closed, so the rest of the file cannot be read (${text(params.detail)})`;
    case "unreadable":
      return `This part of the file cannot be read (${text(params.detail)})`;
    case "name_required":
      return "name: A name is required to create a contact";
    case "name_too_long":
      return `name: name must have at most ${text(params.max)} characters`;
    case "invalid_email":
      return "email: Invalid email address";
    case "invalid_phone":
      return "phone: Invalid phone number";
    case "company_too_long":
      return `company: must have at most ${text(params.max)} characters`;
    case "tag_too_long":
      return `tags: name must have at most ${text(params.max)} characters`;
    case "field_required":
      return customField(params, "is required");
    case "invalid_text":
      return customField(params, "must be text");
    case "text_too_long":
      return customField(params, `must have at most ${text(params.max)} characters`);
    case "invalid_number":
      return customField(params, "must be a number");
    case "ambiguous_number":
      return customField(
        params,
        `"${text(params.value)}" is ambiguous (a thousands separator or a decimal point?): write it without thousands separators`,
      );
    case "invalid_boolean":
      return customField(params, "must be true or false");
    case "invalid_date":
    case "impossible_date": {
      const format = dateFormats[text(params.order)];
      return code === "invalid_date"
        ? customField(params, `must be a date as ${format ? `${format} or ` : ""}YYYY-MM-DD`)
        : customField(
            params,
            `has ${text(params.value)}, which is not a date on the calendar${format ? ` (read as ${format})` : ""}`,
          );
    }
    case "invalid_option":
      return customField(params, `must be one of ${text(params.options)}`);
    case "duplicate":
      return `Duplicate of an existing contact (same ${text(params.by)})`;
    case "duplicate_in_file":
      return `Repeats row ${text(params.row)} of this file (same ${text(params.by)}): only the first row is imported`;
    case "unchanged":
      return "The matching contact already has the row's values: nothing to update";
    case "nothing_to_fill":
      return "The matching contact already has a value for every field the row gives: nothing to fill";
    case "changed_fields":
      return `Changed: ${text(params.fields).split(",").join(", ")}`;
    case "identity_conflict":
      return `The phone belongs to contact ${text(params.phoneContactId)} and the email to another contact, ${text(params.emailContactId)}`;
    case "id_conflict":
      return `The row's id names one contact but its ${text(params.by)} belongs to another, ${text(params.contactId)}`;
    case "created_meanwhile":
      return "A contact with this phone or email was created meanwhile";
    case "taken_meanwhile":
      return "Another contact took this phone or email meanwhile";
    case "deleted_meanwhile":
      return "The matching contact was deleted meanwhile";
    case "other":
      return text(params.message);
  }
}

/**
 * A value of a row that was left out while the rest of the row was imported: an optional custom field whose
 * cell does not fit it. `field` is the custom field's key; `reason` says why, as a row's reasons do.
 */
export interface ImportWarning {
  field: string;
  reason: ImportReason;
}

/** The English `reason` of a row: "email: Invalid email address; metadata.plan: Plan must be one of ..." */
export const describeImportReasons = (reasons: readonly ImportReason[]): string | null =>
  reasons.length === 0 ? null : reasons.map(describeImportReason).join("; ");
