import { DomainError } from "../shared/errors";
import type { WhatsAppConfig } from "./channel";
import type { IntegrationKind } from "./kind";
import type { ChannelAdapters } from "./ports";

/*
 * A WhatsApp integration receives every webhook Meta sends for its phone number id, and the id answers to one
 * integration across all organizations (assertRoutable). So the id is taken only with an access token that can
 * read that number at Meta: otherwise anyone could connect another business's number, keep its owner out and
 * read its customers' messages. The provider is asked before any transaction opens.
 */

const ownershipFields = ["phoneNumberId", "accessToken"] as const;

/** Whether `after` was not checked yet: a new WhatsApp integration, or its number or token not the checked ones. */
export const needsNumberOwnershipCheck = (
  channel: IntegrationKind,
  checked: object | undefined,
  after: object,
): boolean =>
  channel === "whatsapp" &&
  (checked === undefined ||
    ownershipFields.some(
      (key) => (checked as Record<string, unknown>)[key] !== (after as Record<string, unknown>)[key],
    ));

/**
 * Unless `after` keeps the number and token of `before`, throws when Meta does not say this access token can
 * read this phone number: a VALIDATION_FAILED when it refused, a PROVIDER_ERROR when it gave no answer.
 */
export async function assertNumberOwnership(
  adapters: ChannelAdapters,
  channel: IntegrationKind,
  before: object | undefined,
  after: object,
): Promise<void> {
  if (!needsNumberOwnershipCheck(channel, before, after)) return;
  // a WhatsApp config, checked field by field by parseChannelConfig
  const config = after as WhatsAppConfig;
  const answer = await adapters.get("whatsapp").whoAmI(config);
  if (answer.ok) return;
  if (answer.retryable) {
    throw new DomainError(
      "PROVIDER_ERROR",
      `WhatsApp did not answer whether this access token can use phone number ${config.phoneNumberId}: ` +
        `nothing was saved, try again in a moment (${answer.error})`,
      { provider: "whatsapp" },
    );
  }
  const problem = `This access token cannot use WhatsApp phone number ${config.phoneNumberId}`;
  throw new DomainError("VALIDATION_FAILED", `${problem} (${answer.error})`, {
    fieldErrors: { "config.phoneNumberId": [problem], "config.accessToken": [problem] },
  });
}
