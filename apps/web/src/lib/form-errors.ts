import type { PlainMessageKey } from "../i18n/translate";
import type { ErrorView } from "./errors";

export interface ShownServerErrors {
  /** The sentence for the form as a whole; none when it would only repeat a field's message. */
  formError: PlainMessageKey | undefined;
  fieldErrors: Partial<Record<string, PlainMessageKey>>;
}

/**
 * What of the server's answer a form shows: each field error under its field until that field is edited, and
 * the banner only when it says something no field of the form says. A banner that repeats a field's message is
 * about that field, so it is neither shown twice nor left behind once the field changes. `dismissed` is true
 * once the form was submitted again: the old answer no longer describes what was sent.
 */
export function shownServerErrors(
  view: ErrorView | null,
  options: {
    formFields: readonly string[];
    serverFields?: Readonly<Record<string, string>>;
    /** The form's own sentence for a field the server rejected, said there instead of the generic one. */
    fieldMessages?: Readonly<Partial<Record<string, PlainMessageKey>>> | undefined;
    edited?: ReadonlySet<string>;
    dismissed?: boolean;
  },
): ShownServerErrors {
  if (!view || options.dismissed) return { formError: undefined, fieldErrors: {} };
  const all = formFieldErrors(view.fieldErrors, options.serverFields ?? {});
  for (const [name, message] of Object.entries(options.fieldMessages ?? {})) {
    if (all[name] && message) all[name] = message;
  }
  const fieldErrors: Partial<Record<string, PlainMessageKey>> = {};
  let aboutAField = false;
  for (const name of options.formFields) {
    const problem = all[name];
    if (!problem) continue;
    if (problem === view.message) aboutAField = true;
    if (!options.edited?.has(name)) fieldErrors[name] = problem;
  }
  return { formError: aboutAField ? undefined : view.message, fieldErrors };
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

/**
 * Whether the server refused only fields the form does not have (a value it sets itself, an id it carries): then
 * "check the highlighted fields" points at nothing, and the form says what the server said instead.
 */
export function refusesOnlyHiddenFields(
  view: ErrorView,
  formFields: readonly string[],
  serverFields: Readonly<Record<string, string>> = {},
): boolean {
  const refused = Object.keys(formFieldErrors(view.fieldErrors, serverFields));
  return refused.length > 0 && !refused.some((name) => formFields.includes(name));
}
