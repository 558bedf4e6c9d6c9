import { DomainError } from "../shared/errors";

/** The field errors of the validation error `run` throws; fails if it throws none. */
export const fieldErrorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.details?.fieldErrors;
    throw error;
  }
  throw new Error("expected a validation error");
};
