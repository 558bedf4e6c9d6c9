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

/**
 * A refund the provider may have made without saying so (no answer after the request may have reached it): its
 * reservation stays, holding the amount, until the settlement job asks the provider again with the same
 * idempotency key and records it once or gives the amount back. A refund asked again by the caller would carry a
 * new key and could be made twice, so the message says not to.
 */
export const unconfirmedRefund = (provider: string, error: string): DomainError =>
  new DomainError(
    "PROVIDER_UNCONFIRMED",
    `${provider} did not confirm the refund (${error}): it may have been made. The amount stays held and the ` +
      "refund is settled automatically within minutes, recorded once if it was made; do not retry it",
    { provider },
  );

/**
 * A new refund asked for while an earlier one of the payment is held unconfirmed: the two could both be made, so
 * none is asked until the `payment-refund-settle` job (every 5 minutes) has recorded or given back the earlier one.
 */
export const earlierRefundUnconfirmed = (): DomainError =>
  new DomainError(
    "REFUND_UNCONFIRMED",
    "An earlier refund of this payment awaits the provider's confirmation: it is settled automatically within " +
      "minutes, recorded once if it was made. Refund again only after that, if something is still left to refund",
  );
