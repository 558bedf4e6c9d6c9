import { DomainError, type FieldErrors } from "./errors";

/** A field sent as null or as blank text: the caller clears it. */
export const isBlank = (value: string | null | undefined) => value === null || value?.trim() === "";

/**
 * Parses several fields and reports every field's problem at once: each `attempt` keeps the field errors a
 * parser threw and lets anything else through; `throwIfAny` then refuses with all of them.
 */
export function fieldErrorCollector() {
  const fieldErrors: FieldErrors = {};
  const fieldReasons: Record<string, string> = {};
  return {
    attempt(parse: () => void): void {
      try {
        parse();
      } catch (error) {
        if (!(error instanceof DomainError) || !error.details?.fieldErrors) throw error;
        Object.assign(fieldErrors, error.details.fieldErrors);
        Object.assign(fieldReasons, error.details.fieldReasons);
      }
    },
    throwIfAny(): void {
      if (Object.keys(fieldErrors).length === 0) return;
      throw new DomainError("VALIDATION_FAILED", Object.values(fieldErrors).flat().join("; "), {
        fieldErrors,
        ...(Object.keys(fieldReasons).length > 0 ? { fieldReasons } : {}),
      });
    },
  };
}
