/** Whether the deals board shows its pipeline chart, kept across reloads; off unless the user opened it. */
const key = "crm.deals.chartShown";

type PreferenceStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const defaultStorage = (): PreferenceStorage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

export function loadChartShown(storage = defaultStorage()): boolean {
  try {
    return storage?.getItem(key) === "1";
  } catch {
    return false;
  }
}

export function saveChartShown(shown: boolean, storage = defaultStorage()): void {
  try {
    if (shown) storage?.setItem(key, "1");
    else storage?.removeItem(key);
  } catch {
    // Storage switched off or full: the toggle still works, it is just forgotten on reload.
  }
}
