import { type InputHTMLAttributes, type ReactNode, useId } from "react";
import { cx } from "../../lib/cx";
import { controlClasses, describedBy, Field } from "./field";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  errorAction?: ReactNode;
}

export function TextField({ label, hint, error, errorAction, className, ...props }: TextFieldProps) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error} errorAction={errorAction}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={cx(controlClasses, className)}
        {...props}
      />
    </Field>
  );
}
