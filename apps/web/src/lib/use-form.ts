import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n-provider";
import type { PlainMessageKey } from "../i18n/translate";
import { type ErrorMessageOverrides, toErrorView } from "./errors";
import { type FieldErrors, hasErrors, type Rule, validate } from "./validation";

interface UseFormOptions<F extends string> {
  initial: Record<F, string>;
  rules?: Partial<Record<F, readonly Rule[]>>;
  /** The submit mutation's error, if any: its field errors land next to the fields. */
  error?: unknown;
  overrides?: ErrorMessageOverrides;
  /** Where the server names a field by another path than the form: `{ "value.amount": "amount" }`. */
  serverFields?: Readonly<Record<string, NoInfer<F>>>;
  /** Called on every edit, e.g. to hide a "saved" note that no longer describes the fields. */
  onEdit?: () => void;
}

/**
 * Form values as strings, client-side checks before sending, and the server's answer mapped onto fields.
 * The first invalid field receives focus so keyboard and screen-reader users land on the problem.
 */
export function useForm<F extends string>({
  initial,
  rules = {},
  error,
  overrides,
  serverFields = {},
  onEdit,
}: UseFormOptions<F>) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors<F>>({});
  const serverView = error ? toErrorView(error, overrides) : null;
  const serverErrors = serverView ? formFieldErrors(serverView.fieldErrors, serverFields) : {};

  // Keyed on the error itself: a new failure moves focus once, typing afterwards does not.
  useEffect(() => {
    if (error) focusFirstInvalid(formRef.current);
  }, [error]);

  const errorFor = (name: F): string | undefined => {
    const key = clientErrors[name] ?? serverErrors[name];
    return key ? t(key) : undefined;
  };

  const field = (name: F) => ({
    name,
    value: values[name],
    error: errorFor(name),
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      const { value } = event.target;
      setValues((current) => ({ ...current, [name]: value }));
      setClientErrors((current) => ({ ...current, [name]: undefined }));
      onEdit?.();
    },
  });

  const onSubmit = (handler: (values: Record<F, string>) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = validate(values, rules);
    setClientErrors(problems);
    if (hasErrors(problems)) {
      const form = event.currentTarget;
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    handler(values);
  };

  return {
    formRef,
    values,
    setValues,
    field,
    onSubmit,
    /** The sentence for the form as a whole, when the server refused it. */
    formError: serverView ? t(serverView.message) : undefined,
  };
}

/**
 * The server's field errors keyed by the form's field names: a path the form calls otherwise (`value.amount`
 * for its `amount`) lands on that field, so its message shows there instead of nowhere.
 */
export function formFieldErrors<F extends string>(
  fieldErrors: Readonly<Record<string, PlainMessageKey>>,
  serverFields: Readonly<Record<string, F>>,
): Partial<Record<string, PlainMessageKey>> {
  const errors: Partial<Record<string, PlainMessageKey>> = { ...fieldErrors };
  for (const [path, field] of Object.entries(serverFields)) {
    const problem = fieldErrors[path];
    if (problem && !errors[field]) errors[field] = problem;
  }
  return errors;
}

function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
