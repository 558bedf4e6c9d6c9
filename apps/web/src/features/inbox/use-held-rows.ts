import { type PointerEvent, useRef, useState } from "react";
import { type HeldOrder, heldView, holdOrder, type OrderedRow } from "./held-order";

/**
 * Holds the list's order while the mouse is over it or it is scrolled down, so a burst of messages does not
 * move rows under the cursor; `show` applies what waited and goes back to the top, where it arrived.
 */
export function useHeldRows<T extends OrderedRow>(
  current: readonly T[],
  scroller: { current: HTMLElement | null },
) {
  const [held, setHeld] = useState<HeldOrder | null>(null);
  const pointerInside = useRef(false);
  const view = held ? heldView(held, current) : { rows: current, waiting: 0 };
  const scrolledDown = () => (scroller.current?.scrollTop ?? 0) > 0;
  const hold = () => setHeld((previous) => previous ?? holdOrder(view.rows));
  const releaseUnlessHeld = () => {
    if (!pointerInside.current && !scrolledDown()) setHeld(null);
  };
  return {
    rows: view.rows,
    waiting: view.waiting,
    show: () => {
      setHeld(pointerInside.current ? holdOrder(current) : null);
      scroller.current?.scrollTo({ top: 0 });
    },
    handlers: {
      onPointerEnter: (event: PointerEvent) => {
        // a touch has no cursor to move rows under; scrolling holds the list there
        if (event.pointerType !== "mouse") return;
        pointerInside.current = true;
        hold();
      },
      onPointerLeave: () => {
        pointerInside.current = false;
        releaseUnlessHeld();
      },
      onScroll: () => (scrolledDown() ? hold() : releaseUnlessHeld()),
    },
  };
}
