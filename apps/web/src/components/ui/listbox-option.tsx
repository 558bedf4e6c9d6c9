import type { ReactNode } from "react";
import { cx } from "../../lib/cx";

interface ListboxOptionProps {
  id: string;
  /** The option the arrows are on (the combobox's `aria-activedescendant`). */
  active: boolean;
  /** The value the box holds now, shown bold. */
  chosen?: boolean;
  onPick: () => void;
  /** The pointer is over it: the option becomes the active one. */
  onHover: () => void;
  children: ReactNode;
}

/** One option of a combobox's own listbox: focus stays in the box, the option is only pointed at. */
export function ListboxOption({ id, active, chosen = false, onPick, onHover, children }: ListboxOptionProps) {
  return (
    <div
      id={id}
      role="option"
      tabIndex={-1}
      aria-selected={active}
      // picks before the box loses focus, which would close the list first
      onMouseDown={(event) => {
        event.preventDefault();
        onPick();
      }}
      onMouseMove={() => !active && onHover()}
      className={cx(
        "cursor-pointer truncate px-3 py-1.5 text-sm",
        active ? "bg-indigo-50 text-indigo-900" : "text-slate-800",
        chosen && "font-semibold",
      )}
    >
      {children}
    </div>
  );
}
