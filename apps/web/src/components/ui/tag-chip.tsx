import { X } from "lucide-react";

interface TagChipProps {
  name: string;
  color: string;
  /** Shows a remove button with this accessible label. */
  removeLabel?: string;
  onRemove?: () => void;
  disabled?: boolean;
}

/** A tag with its color as a dot, so any color stays readable on the light chip. */
export function TagChip({ name, color, removeLabel, onRemove, disabled }: TagChipProps) {
  return (
    <span className="inline-flex max-w-full items-center gap-1.5 rounded-full bg-white py-0.5 pr-2 pl-2 text-xs font-medium text-slate-700 ring-1 ring-slate-200 ring-inset">
      <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ backgroundColor: color }} />
      <span className="truncate">{name}</span>
      {onRemove && (
        <button
          type="button"
          onClick={onRemove}
          disabled={disabled}
          aria-label={removeLabel}
          className="-mr-1 rounded-full p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-50"
        >
          <X aria-hidden="true" className="size-3" />
        </button>
      )}
    </span>
  );
}
