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
