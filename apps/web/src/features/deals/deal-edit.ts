import type { Locale } from "../../i18n/locale";
import type { RouterInputs } from "../../lib/api-types";
import { isZeroDecimal, subtractDecimals } from "../../lib/decimal";
import { amountForInput, parseAmountInput } from "../../lib/money";
import type { Deal } from "./use-deal-cache";

/** The server names a deal's value `value.amount` and `value.currency`; the deal forms call them otherwise. */
export const dealValueFields = { "value.amount": "amount", "value.currency": "currency" } as const;

export type DealEditField =
  | "title"
  | "amount"
  | "currency"
  | "contactId"
  | "pipelineId"
  | "stage"
  | "expectedCloseDate"
  | "assigneeId";
export type DealEditValues = Record<DealEditField, string>;
export type DealPatch = Omit<RouterInputs["deals"]["update"], "id" | "expectedUpdatedAt">;

const fields: readonly DealEditField[] = [
  "title",
  "amount",
  "currency",
  "contactId",
  "pipelineId",
  "stage",
  "expectedCloseDate",
  "assigneeId",
];

/** A deal as the edit form shows it: strings, the amount written as the user types amounts. */
export function dealEditValues(deal: Deal, locale: Locale): DealEditValues {
  return {
    title: deal.title,
    amount: amountForInput(deal.value.amount, locale),
    currency: deal.value.currency,
    contactId: deal.contactId ?? "",
    pipelineId: deal.pipelineId,
    stage: deal.stage,
    expectedCloseDate: deal.expectedCloseDate ?? "",
    assigneeId: deal.assigneeId ?? "",
  };
}

function sameAmount(typed: string, stored: string, locale: Locale, currency: string): boolean {
  const amount = parseAmountInput(typed, locale, currency);
  return amount !== null && isZeroDecimal(subtractDecimals(amount, stored));
}

/** Whether the user changed `field` from what `base` has: "1.500,00" for a stored "1500.00" is no change. */
function changed(field: DealEditField, base: Deal, values: DealEditValues, locale: Locale): boolean {
  switch (field) {
    case "title":
      return values.title.trim() !== base.title;
    case "amount":
      return !sameAmount(values.amount, base.value.amount, locale, values.currency);
    case "currency":
      return values.currency !== base.value.currency;
    case "contactId":
      // a deal's contact can be replaced, not removed: a cleared picker leaves it as it was
      return values.contactId !== "" && values.contactId !== base.contactId;
    case "pipelineId":
      return values.pipelineId !== base.pipelineId;
    case "stage":
      return values.stage !== base.stage;
    case "expectedCloseDate":
      return (values.expectedCloseDate || null) !== base.expectedCloseDate;
    case "assigneeId":
      return (values.assigneeId || null) !== base.assigneeId;
  }
}

export const changedFields = (base: Deal, values: DealEditValues, locale: Locale): DealEditField[] =>
  fields.filter((field) => changed(field, base, values, locale));

/**
 * Only what the user changed from `base`, the deal as the form loaded it: a field left alone is not sent, so
 * it cannot undo a colleague's change of it. Null when the amount cannot be read (the form says why).
 */
export function dealEditPatch(base: Deal, values: DealEditValues, locale: Locale): DealPatch | null {
  const touched = new Set(changedFields(base, values, locale));
  const patch: DealPatch = {};
  if (touched.has("title")) patch.title = values.title.trim();
  if (touched.has("amount") || touched.has("currency")) {
    const amount = parseAmountInput(values.amount, locale, values.currency);
    if (amount === null) return null;
    patch.value = { amount, currency: values.currency };
  }
  if (touched.has("contactId")) patch.contactId = values.contactId;
  // another pipeline needs the stage to put the deal in, even a stage with the same id cannot be
  if (touched.has("pipelineId")) {
    patch.pipelineId = values.pipelineId;
    patch.stage = values.stage;
  } else if (touched.has("stage")) patch.stage = values.stage;
  if (touched.has("expectedCloseDate")) patch.expectedCloseDate = values.expectedCloseDate || null;
  if (touched.has("assigneeId")) patch.assigneeId = values.assigneeId || null;
  return patch;
}

export interface RebasedEdit {
  values: DealEditValues;
  /** Fields both the user and someone else changed: the user's value is kept, the form shows the other. */
  conflicts: DealEditField[];
}

/**
 * After someone else saved the deal first: the form moves onto `current`. What the user left alone takes
 * the current value; what the user typed stays, and where the other person changed that field too it is
 * named, so the user decides with both in sight.
 */
export function rebaseDealEdit(
  loaded: Deal,
  current: Deal,
  values: DealEditValues,
  locale: Locale,
): RebasedEdit {
  const mine = new Set(changedFields(loaded, values, locale));
  const theirs = new Set(changedFields(loaded, dealEditValues(current, locale), locale));
  const now = dealEditValues(current, locale);
  const rebased = { ...values };
  for (const field of fields) if (!mine.has(field)) rebased[field] = now[field];
  return {
    values: rebased,
    conflicts: fields.filter(
      (field) => mine.has(field) && theirs.has(field) && changed(field, current, values, locale),
    ),
  };
}
