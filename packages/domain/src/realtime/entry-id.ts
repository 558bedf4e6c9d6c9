/**
 * Realtime entry ids are Redis stream ids, `<milliseconds>-<sequence>`, in both runtime modes: they order the
 * entries of one organization and tell their age.
 */
const entryIdPattern = /^(\d{1,15})-(\d{1,15})$/;

export const isEntryId = (value: string): boolean => entryIdPattern.test(value);

function parts(id: string): [number, number] {
  const match = entryIdPattern.exec(id);
  if (!match) throw new Error(`Not a realtime entry id: ${id}`);
  return [Number(match[1]), Number(match[2])];
}

/** Negative when `a` came first, positive when `b` did, 0 for the same entry. */
export function compareEntryIds(a: string, b: string): number {
  const [aTime, aSeq] = parts(a);
  const [bTime, bSeq] = parts(b);
  return aTime === bTime ? aSeq - bSeq : aTime - bTime;
}

/** When the entry was appended, in epoch milliseconds. */
export const entryIdTime = (id: string): number => parts(id)[0];
