import { validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import { compareMoney, parseCurrency, parseMoney } from "../shared/money";
import { checkUpdatedRange, type UpdatedRange } from "../shared/sync";
import { dealValueIntegerDigits } from "./deal-input";
import type { DealStatus, Pipeline } from "./model";
import type { DealFilter } from "./ports";
import { rottingCutoffs } from "./rotting";

export interface DealFilterInput extends UpdatedRange {
  pipelineId?: string | undefined;
  /** a stage id */
  stage?: string | undefined;
  status?: DealStatus | undefined;
  assigneeId?: string | undefined;
  /** with an owner (true) or without one (false) */
  assigned?: boolean | undefined;
  contactId?: string | undefined;
  currency?: string | undefined;
  /** decimal strings, inclusive; they need `currency` */
  valueMin?: string | undefined;
  valueMax?: string | undefined;
  rotting?: boolean | undefined;
  /** deals lost for this predefined reason */
  lostReasonId?: string | undefined;
  /** part of the title, the contact's name or the contact's company's name; blank means no search */
  search?: string | undefined;
}

export const maxDealSearchLength = 200;

/** Validates list filters; `pipelines` are those whose stages decide what rotting means here. */
export function parseDealFilter(
  input: DealFilterInput,
  pipelines: readonly Pipeline[],
  now: Date,
): DealFilter {
  const currency = input.currency === undefined ? undefined : parseCurrency(input.currency, "currency");
  const bound = (value: string | undefined, field: "valueMin" | "valueMax") => {
    if (value === undefined) return undefined;
    if (!currency) throw validationFailed("currency", `${field} needs the currency it is in`);
    return parseMoney(value, currency, field, { maxIntegerDigits: dealValueIntegerDigits });
  };
  if (input.assigned === false && input.assigneeId !== undefined) {
    throw validationFailed("assigned", "assigned=false asks for deals with no owner: leave assigneeId out");
  }
  const search = input.search?.trim() || undefined;
  if (search !== undefined && search.length > maxDealSearchLength) {
    throw validationFailed("search", `search must have at most ${maxDealSearchLength} characters`);
  }
  const valueMin = bound(input.valueMin, "valueMin");
  const valueMax = bound(input.valueMax, "valueMax");
  if (valueMin && valueMax && compareMoney(valueMin, valueMax) > 0) {
    throw validationFailed("valueMax", "valueMax must not be below valueMin");
  }
  return {
    pipelineId: input.pipelineId === undefined ? undefined : parseId(input.pipelineId, "pipelineId"),
    stageId: input.stage === undefined ? undefined : parseId(input.stage, "stage"),
    status: input.status,
    assigneeId: input.assigneeId === undefined ? undefined : parseId(input.assigneeId, "assigneeId"),
    assigned: input.assigned,
    contactId: input.contactId === undefined ? undefined : parseId(input.contactId, "contactId"),
    currency,
    valueMin: valueMin?.amount,
    valueMax: valueMax?.amount,
    rotting:
      input.rotting === undefined
        ? undefined
        : { rotting: input.rotting, cutoffs: pipelines.flatMap((p) => rottingCutoffs(p.stages, now)) },
    lostReasonId: input.lostReasonId === undefined ? undefined : parseId(input.lostReasonId, "lostReasonId"),
    search,
    ...checkUpdatedRange(input),
  };
}
