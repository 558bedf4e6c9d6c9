import { describe, expect, it } from "vitest";
import { loadChartShown, saveChartShown } from "./chart-preference";

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
};

describe("chart preference", () => {
  it("is off until shown, and remembers both ways", () => {
    const storage = memoryStorage();
    expect(loadChartShown(storage)).toBe(false);
    saveChartShown(true, storage);
    expect(loadChartShown(storage)).toBe(true);
    saveChartShown(false, storage);
    expect(loadChartShown(storage)).toBe(false);
  });

  it("stays off and does not throw when storage refuses", () => {
    const refusing = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => {},
    };
    expect(loadChartShown(refusing)).toBe(false);
    expect(() => saveChartShown(true, refusing)).not.toThrow();
    expect(loadChartShown(null)).toBe(false);
  });
});
