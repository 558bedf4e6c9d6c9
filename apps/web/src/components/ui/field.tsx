import type { ReactNode } from "react";

export const controlClasses =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset " +
  "ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 " +
  "focus:outline-none disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 " +
  "aria-invalid:ring-red-500 aria-invalid:focus:ring-red-600";

interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** A link after the error that resolves it, e.g. "Try logging in" under an email that has an account. */
  errorAction?: ReactNode;
  children: ReactNode;
}

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

export const describedBy = (id: string, hint: string | undefined, error: string | undefined) =>
  [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean).join(" ") || undefined;

/** Label, control, hint and error in one column; the control links them through aria attributes. */
export function Field({ id, label, hint, error, errorAction, children }: FieldProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={hintId(id)} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId(id)} className="text-xs font-medium text-red-600">
          {error}
          {errorAction && <> {errorAction}</>}
        </p>
      )}
    </div>
  );
}
