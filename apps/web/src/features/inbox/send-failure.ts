import { interruptedSendError, unconfirmedSendError } from "@crm/domain/conversations/deliver-message";

/**
 * Whether a provider's send error (as the API stores it, "<Channel>: <provider's words>") says our credentials
 * or permissions were refused: nothing in the thread fixes that, an administrator reconnects the channel.
 * Read from the codes each provider documents for it: WhatsApp (Graph API) 190 (expired or invalid token),
 * 10 and 200 (permission); Telegram's 401 "Unauthorized"; Slack's auth errors; Discord's 401 and its
 * missing access or permission codes.
 */
const credentialErrors: readonly RegExp[] = [
  /^WhatsApp: .*\(code (190|10|200)\)$/,
  /^Telegram: Unauthorized/,
  /^Slack: (invalid_auth|not_authed|token_revoked|token_expired|account_inactive|missing_scope)$/,
  /^Discord: (401: Unauthorized|.*\(code (40001|50001|50013)\)$)/,
];

export function isCredentialFailure(error: string | null): boolean {
  return error !== null && credentialErrors.some((pattern) => pattern.test(error));
}

/**
 * What the thread says about a failed send, in the user's language; the stored error (English, technical) is
 * only shown on request. `unreachable`: no connection was made, or no answer came ("Provider unreachable: fetch
 * failed: connect ECONNREFUSED …"). `refused`: the provider answered no ("WhatsApp: …"). `unknown`: anything
 * else, such as a delivery failure the provider reported later or a send that could not be queued.
 */
export type SendFailureKind =
  | "credentials"
  | "unreachable"
  | "unconfirmed"
  | "interrupted"
  | "refused"
  | "unknown";

const noAnswer = /^(Provider unreachable|No answer from the provider)(:|$)/;
/** The names adapters put before a provider's answer. */
const providerAnswer = /^(WhatsApp|Telegram|Slack|Discord): /;

export function sendFailureKind(error: string | null): SendFailureKind {
  if (error === null) return "unknown";
  if (isCredentialFailure(error)) return "credentials";
  if (noAnswer.test(error)) return "unreachable";
  if (error === unconfirmedSendError) return "unconfirmed";
  if (error === interruptedSendError) return "interrupted";
  if (providerAnswer.test(error)) return "refused";
  return "unknown";
}
