import { validationFailed } from "./errors";
import type { PageRequest } from "./pagination";

/*
 * Incremental sync: a list ordered by (updated_at, id) ascending, filtered to a window of updated_at. A row
 * that changes while a client pages moves past the client's cursor, so the client sees it again, at its
 * latest version, before the end.
 */

/** Rows last changed within this window, both ends inclusive. */
export interface UpdatedRange {
  updatedFrom?: Date | undefined;
  updatedTo?: Date | undefined;
}

export interface SortedPageRequest<Sort extends string> extends PageRequest {
  sort?: Sort | undefined;
}

export function checkUpdatedRange(range: UpdatedRange): UpdatedRange {
  const { updatedFrom, updatedTo } = range;
  if (updatedFrom && updatedTo && updatedFrom > updatedTo) {
    throw validationFailed("updatedTo", "updatedTo must not be before updatedFrom");
  }
  return { updatedFrom, updatedTo };
}
