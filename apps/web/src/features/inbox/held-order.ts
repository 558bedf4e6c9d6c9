/** A row of the list as far as its order goes: conversations are listed by their newest message. */
export interface OrderedRow {
  id: string;
  lastMessageAt: string | null;
}

/** The rows as they were when the list was held: their order and the activity that placed them. */
export type HeldOrder = ReadonlyMap<string, string | null>;

export const holdOrder = (rows: readonly OrderedRow[]): HeldOrder =>
  new Map(rows.map((row) => [row.id, row.lastMessageAt]));

/**
 * What a held list shows: the held rows in their held order with their current content (a row that left the
 * list leaves), then the rows a later page appended below them. Rows that arrived above the last held one
 * (new conversations, or older ones woken by a message) and held rows with newer activity wait: `waiting`
 * counts them for the "show" pill.
 */
export function heldView<T extends OrderedRow>(
  held: HeldOrder,
  current: readonly T[],
): { rows: T[]; waiting: number } {
  const byId = new Map(current.map((row) => [row.id, row]));
  let lastHeld = -1;
  current.forEach((row, index) => {
    if (held.has(row.id)) lastHeld = index;
  });
  const rows: T[] = [];
  let waiting = 0;
  for (const [id, at] of held) {
    const row = byId.get(id);
    if (!row) continue;
    rows.push(row);
    if (row.lastMessageAt !== at) waiting += 1;
  }
  current.forEach((row, index) => {
    if (held.has(row.id)) return;
    if (index > lastHeld) rows.push(row);
    else waiting += 1;
  });
  return { rows, waiting };
}
