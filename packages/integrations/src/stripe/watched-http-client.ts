import Stripe from "stripe";
import { failedBeforeConnecting } from "../shared/http";

export interface WatchedHttpClient {
  client: Stripe.HttpClient;
  /** Whether any attempt of the call may have reached Stripe and been carried out there. */
  mayHaveArrived(): boolean;
}

const isJson = (headers: Record<string, unknown>): boolean =>
  /json/i.test(String(headers["content-type"] ?? ""));

/**
 * The SDK's own HTTP client, watched over every attempt of one call: the SDK retries (a timeout, a closed
 * connection, a 5xx) and reports only the last attempt's error, so a timeout followed by a refused connection
 * would read as "never reached Stripe". An attempt may have reached it unless it failed before connecting, or
 * Stripe itself refused it (a 4xx with Stripe's JSON body); a 409 is another request with the same idempotency key
 * still running there, and a 5xx, even with Stripe's own body, is indeterminate by Stripe's word (the request may
 * have been carried out).
 */
export function watchedHttpClient(): WatchedHttpClient {
  const inner = Stripe.createNodeHttpClient();
  let arrived = false;
  const client: Stripe.HttpClient = {
    getClientName: () => inner.getClientName(),
    makeRequest: (...args) =>
      inner.makeRequest(...args).then(
        (response) => {
          const status = response.getStatusCode();
          if (status < 400 || status === 409 || status >= 500 || !isJson(response.getHeaders())) {
            arrived = true;
          }
          return response;
        },
        (error: unknown) => {
          if (!failedBeforeConnecting(error)) arrived = true;
          throw error;
        },
      ),
  };
  return { client, mayHaveArrived: () => arrived };
}
