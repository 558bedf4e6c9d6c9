import type { AgendaFilter } from "@crm/domain";
import { filteredList } from "../shared/cursor";
import { decodeKeyset, encodeKeyset, isTimestampValue, isUuidValue } from "../shared/keyset";

/** Keyset position in the agenda: (due_at, id), a null due_at sorting after every date. */
export interface AgendaCursor {
  at: string | null;
  id: string;
}

/*
 * Bound to the filters as asked, the due window by its name: its instants move with the clock from one page
 * to the next, and a page read a minute later is still the same list.
 */
const agendaList = (filter: AgendaFilter) =>
  filteredList("activities", {
    type: filter.type,
    due: filter.due,
    done: filter.done,
    ownerId: filter.ownerId,
    dealId: filter.dealId,
    status: filter.status,
  });

export const encodeAgendaCursor = (filter: AgendaFilter, at: Date | null, id: string): string =>
  encodeKeyset({ at: at ? at.toISOString() : null, id }, agendaList(filter));

export const decodeAgendaCursor = (
  filter: AgendaFilter,
  cursor: string | undefined,
): AgendaCursor | undefined =>
  decodeKeyset(
    cursor,
    ({ at, id }) => ((at === null || isTimestampValue(at)) && isUuidValue(id) ? { at, id } : undefined),
    agendaList(filter),
  );
