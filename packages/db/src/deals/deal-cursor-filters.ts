import type { DealFilter } from "@crm/domain";
import type { CursorFilters } from "../shared/cursor";

/**
 * What a cursor of deals is bound to: every filter, so one added later is bound too. Rotting by its yes or
 * no: its cutoffs move with the clock from one page to the next.
 */
export const dealCursorFilters = (filter: DealFilter): CursorFilters => ({
  ...filter,
  rotting: filter.rotting?.rotting,
});
