import { describe, expect, it } from "vitest";
import { threadIdsOf } from "./thread-ids";

describe("threadIdsOf", () => {
  it("takes a Brazilian WhatsApp mobile with and without its ninth digit, the given form first", () => {
    expect(threadIdsOf("whatsapp", "551187654321")).toEqual(["551187654321", "5511987654321"]);
    expect(threadIdsOf("whatsapp", "5511987654321")).toEqual(["5511987654321", "551187654321"]);
  });

  it("leaves landlines, other countries and other channels alone", () => {
    expect(threadIdsOf("whatsapp", "551133334444")).toEqual(["551133334444"]);
    expect(threadIdsOf("whatsapp", "14155550123")).toEqual(["14155550123"]);
    expect(threadIdsOf("telegram", "551187654321")).toEqual(["551187654321"]);
    expect(threadIdsOf("whatsapp", "55abc")).toEqual(["55abc"]);
  });
});
