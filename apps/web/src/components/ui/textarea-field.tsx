import { type TextareaHTMLAttributes, useId } from "react";
import { cx } from "../../lib/cx";
import { controlClasses, describedBy, Field } from "./field";

interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

export function TextareaField({ label, hint, error, className, rows = 3, ...props }: TextareaFieldProps) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={cx(controlClasses, "resize-y", className)}
        {...props}
      />
    </Field>
  );
}
