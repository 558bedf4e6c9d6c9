import { describe, expect, it } from "vitest";
import { heldView, holdOrder } from "./held-order";

const row = (id: string, lastMessageAt: string | null, preview = "") => ({ id, lastMessageAt, preview });
const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

describe("a held conversation list", () => {
  const shown = [row("a", "10:05"), row("b", "10:04"), row("c", "10:03")];
  const held = holdOrder(shown);

  it("keeps the held order when a row further down gets a message, with its new content, and counts it", () => {
    const view = heldView(held, [row("c", "10:09", "new"), row("a", "10:05"), row("b", "10:04")]);
    expect(ids(view.rows)).toEqual(["a", "b", "c"]);
    expect(view.rows[2]?.preview).toBe("new");
    expect(view.waiting).toBe(1);
  });

  it("keeps a new conversation at the top waiting, and counts it", () => {
    const view = heldView(held, [row("n", "10:10"), ...shown]);
    expect(ids(view.rows)).toEqual(["a", "b", "c"]);
    expect(view.waiting).toBe(1);
  });

  it("appends the rows of a next page below the held ones at once", () => {
    const view = heldView(held, [...shown, row("d", "09:00"), row("e", null)]);
    expect(ids(view.rows)).toEqual(["a", "b", "c", "d", "e"]);
    expect(view.waiting).toBe(0);
  });

  it("lets a row that left the list go", () => {
    const view = heldView(held, [row("a", "10:05"), row("c", "10:03")]);
    expect(ids(view.rows)).toEqual(["a", "c"]);
    expect(view.waiting).toBe(0);
  });

  it("shows the list as it is when nothing changed", () => {
    expect(heldView(held, shown)).toEqual({ rows: shown, waiting: 0 });
  });
});
