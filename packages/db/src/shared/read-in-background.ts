interface Known<V> {
  value: V;
  readAt: number;
  /** read again in the background since it expired: until then the old value is answered */
  refreshing: boolean;
}

/**
 * A memory of values that are costly to read and only steer how fast something runs (statistics): `known`
 * answers what this process last read for a key, or undefined while it was never read, and then reads it in the
 * background; an expired value is still answered while it is read again. The oldest keys beyond `capacity`
 * are forgotten. One memory per database handle.
 */
export function readInBackground<V>(options: { ttlMs: number; capacity: number }) {
  const byDatabase = new WeakMap<object, Map<string, Known<V> | "reading">>();

  const refresh = (
    entries: Map<string, Known<V> | "reading">,
    key: string,
    read: () => Promise<V>,
    now: number,
    stale?: Known<V>,
  ) => {
    read().then(
      (value) => entries.set(key, { value, readAt: now, refreshing: false }),
      () => {
        if (!stale) entries.delete(key);
        // the next call tries again; meanwhile the old value stands
        else stale.refreshing = false;
      },
    );
  };

  return function known(db: object, key: string, read: () => Promise<V>, now = Date.now()): V | undefined {
    let entries = byDatabase.get(db);
    if (!entries) {
      entries = new Map();
      byDatabase.set(db, entries);
    }
    const entry = entries.get(key);
    if (entry === "reading") return undefined;
    if (entry) {
      // most recently used last, so the oldest entry is the first to go
      entries.delete(key);
      entries.set(key, entry);
      if (now - entry.readAt >= options.ttlMs && !entry.refreshing) {
        entry.refreshing = true;
        refresh(entries, key, read, now, entry);
      }
      return entry.value;
    }
    entries.set(key, "reading");
    if (entries.size > options.capacity) entries.delete(entries.keys().next().value as string);
    refresh(entries, key, read, now);
    return undefined;
  };
}
