import { DomainError } from "../shared/errors";

/** The provider refused or could not be reached: a 502 that says which and why, without secrets. */
export const providerFailure = (provider: string, error: string) =>
  new DomainError("PROVIDER_ERROR", `${provider} answered: ${error}`, { provider });
