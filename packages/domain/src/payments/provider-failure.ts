import { DomainError } from "../shared/errors";

/** How long to wait when a throttling provider does not say. */
export const defaultProviderRetryAfterSeconds = 5;

/**
 * The provider refused or could not be reached: a 502 that says which and why, without secrets. A provider
 * throttling us (HTTP 429) is a 429 instead, with `retryAfterSeconds` (and the Retry-After header) saying when
 * to try again: the provider's own wait when it named one.
 */
export function providerFailure(
  provider: string,
  error: string,
  failure?: { throttled?: boolean | undefined; retryAfterSeconds?: number | undefined },
): DomainError {
  if (failure?.throttled) {
    const retryAfterSeconds = failure.retryAfterSeconds ?? defaultProviderRetryAfterSeconds;
    return new DomainError(
      "RATE_LIMITED",
      `${provider} is refusing requests for now (too many requests): try again in ${retryAfterSeconds} seconds`,
      { provider, retryAfterSeconds },
    );
  }
  return new DomainError("PROVIDER_ERROR", `${provider} answered: ${error}`, { provider });
}
