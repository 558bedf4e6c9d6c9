import { describe, expect, it } from "vitest";
import { announcedText, arrivedInbound, shownThread } from "./arrivals";

const at = (second: number) => `2025-06-10T12:00:${String(second).padStart(2, "0")}.000Z`;
const inbound = (id: string, second: number) => ({ id, direction: "inbound" as const, sentAt: at(second) });
const outbound = (id: string, second: number) => ({ id, direction: "outbound" as const, sentAt: at(second) });

describe("arrivedInbound", () => {
  it("announces nothing for the first load of a thread", () => {
    expect(arrivedInbound(null, [inbound("a", 1), inbound("b", 2)])).toEqual([]);
  });

  it("announces the customer's messages that were not shown before", () => {
    const before = [inbound("a", 1), outbound("b", 2)];
    const after = [...before, inbound("c", 3), inbound("d", 4)];
    expect(arrivedInbound(shownThread(before), after)).toEqual([inbound("c", 3), inbound("d", 4)]);
  });

  it("announces a new message the provider dated before the newest one shown", () => {
    const before = [inbound("a", 1), outbound("b", 5)];
    const after = [inbound("a", 1), inbound("c", 4), outbound("b", 5)];
    expect(arrivedInbound(shownThread(before), after)).toEqual([inbound("c", 4)]);
  });

  it("announces the first message of a thread that was empty", () => {
    expect(arrivedInbound(shownThread([]), [inbound("a", 1)])).toEqual([inbound("a", 1)]);
  });

  it("does not announce the team's messages, the user's own sends included", () => {
    const before = [inbound("a", 1)];
    expect(arrivedInbound(shownThread(before), [...before, outbound("b", 2)])).toEqual([]);
  });

  it("does not announce older messages loaded above", () => {
    const before = [inbound("c", 3), inbound("d", 4)];
    expect(arrivedInbound(shownThread(before), [inbound("a", 1), inbound("b", 2), ...before])).toEqual([]);
  });
});

describe("announcedText", () => {
  it("reads a message on one line and cuts a long one short", () => {
    expect(announcedText("  Olá!\n\nTudo bem?  ")).toBe("Olá! Tudo bem?");
    const long = announcedText("a".repeat(500));
    expect(long).toHaveLength(200);
    expect(long.endsWith("…")).toBe(true);
  });
});
