import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n-provider";
import type { PlainMessageKey } from "../i18n/translate";
import { alertDetail, type ErrorMessageOverrides, toAlertView, toErrorView } from "./errors";
import { refusesOnlyHiddenFields, shownServerErrors } from "./form-errors";
import { type FieldErrors, hasErrors, type Rule, validate } from "./validation";

export { formFieldErrors } from "./form-errors";

interface UseFormOptions<F extends string> {
  initial: Record<F, string>;
  rules?: Partial<Record<F, readonly Rule[]>>;
  /** The submit mutation's error, if any: its field errors land next to the fields. */
  error?: unknown;
  overrides?: ErrorMessageOverrides;
  /** Where the server names a field by another path than the form: `{ "value.amount": "amount" }`. */
  serverFields?: Readonly<Record<string, NoInfer<F>>>;
  /** What to say under a field the server rejected when the form knows better than the generic sentence. */
  fieldMessages?: Readonly<Partial<Record<NoInfer<F>, PlainMessageKey>>>;
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
  fieldMessages,
  onEdit,
}: UseFormOptions<F>) {
  const { t, locale } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors<F>>({});
  // What has happened to the current server answer since it came: fields edited, the form sent again.
  const [answer, setAnswer] = useState<ServerAnswer>({ error, edited: new Set(), dismissed: false });
  const current: ServerAnswer =
    answer.error === error ? answer : { error, edited: new Set(), dismissed: false };
  const view = error ? toErrorView(error, overrides) : null;
  const formFields = Object.keys(initial);
  const shown = shownServerErrors(view, {
    formFields,
    serverFields,
    fieldMessages,
    edited: current.edited,
    dismissed: current.dismissed,
  });
  const serverErrors = shown.fieldErrors;

  // Keyed on the error itself: a new failure moves focus once, typing afterwards does not.
  useEffect(() => {
    if (error) focusFirstInvalid(formRef.current);
  }, [error]);

  const formSentence = (key: PlainMessageKey): string => {
    if (!view || !refusesOnlyHiddenFields(view, formFields, serverFields)) return t(key);
    const alert = toAlertView(error, overrides, locale);
    const detail = alertDetail(alert, t);
    return detail ? `${t(alert.message)} ${detail}` : t(alert.message);
  };

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
      setAnswer((previous) => {
        const base =
          previous.error === error ? previous : { error, edited: new Set<string>(), dismissed: false };
        return { ...base, edited: new Set([...base.edited, name]) };
      });
      onEdit?.();
    },
  });

  const onSubmit = (handler: (values: Record<F, string>) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAnswer({ error, edited: new Set(), dismissed: true });
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
    formError: shown.formError ? formSentence(shown.formError) : undefined,
  };
}

interface ServerAnswer {
  error: unknown;
  edited: ReadonlySet<string>;
  dismissed: boolean;
}

function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
