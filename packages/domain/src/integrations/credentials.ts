import { channels } from "./channel";
import { externalIdOf, isWebhookConfigured, maskChannelConfig } from "./config";
import type { IntegrationConfigs, IntegrationKind } from "./kind";
import type { Integration, SealedSecret, StoredChannelIntegration, StoredIntegration } from "./model";
import type { ChannelCredentials, ConnectedChannel, CredentialCipher, IntegrationRepository } from "./ports";

export const sealConfig = (cipher: CredentialCipher, organizationId: string, config: object): SealedSecret =>
  cipher.seal(JSON.stringify(config), organizationId);

/** The decrypted credentials. Only for adapters: never return them, never log them. */
export function openConfig<C extends IntegrationKind>(
  cipher: CredentialCipher,
  stored: StoredIntegration & { channel: C },
): IntegrationConfigs[C] {
  // sealed by sealConfig after parseChannelConfig checked every field
  return JSON.parse(cipher.open(stored.sealedConfig, stored.organizationId)) as IntegrationConfigs[C];
}

export const isChannelIntegration = (stored: StoredIntegration): stored is StoredChannelIntegration =>
  (channels as readonly string[]).includes(stored.channel);

export function connectChannel(cipher: CredentialCipher, stored: StoredChannelIntegration): ConnectedChannel {
  // the union cannot be narrowed field by field: channel and config come from the same validated row
  return {
    integrationId: stored.id,
    organizationId: stored.organizationId,
    channel: stored.channel,
    isActive: stored.isActive,
    config: openConfig(cipher, stored),
  } as ConnectedChannel;
}

/** What may be shown: the row without its sealed credentials, the credentials masked. */
export function presentIntegration(stored: StoredIntegration, config: object): Integration {
  const { sealedConfig: _sealed, ...rest } = stored;
  return {
    ...rest,
    config: maskChannelConfig(stored.channel, config),
    webhookConfigured: isWebhookConfigured(stored.channel, config),
  };
}

export const verifyTokenHashOf = (
  cipher: CredentialCipher,
  channel: IntegrationKind,
  config: object,
): string | null => {
  const token = channel === "whatsapp" ? (config as { verifyToken?: unknown }).verifyToken : undefined;
  return typeof token === "string" ? cipher.fingerprint(token) : null;
};

/** The lookup columns a config implies, recomputed whenever the config changes. */
export const routingOf = (cipher: CredentialCipher, channel: IntegrationKind, config: object) => ({
  externalId: externalIdOf(channel, config),
  verifyTokenHash: verifyTokenHashOf(cipher, channel, config),
});

/** The `ChannelCredentials` port over the integrations table: decrypts on each call, keeps nothing. */
export function createChannelCredentials(deps: {
  integrations: Pick<IntegrationRepository, "findById">;
  cipher: CredentialCipher;
}): ChannelCredentials {
  return {
    async get(organizationId, integrationId) {
      const stored = await deps.integrations.findById(organizationId, integrationId);
      return stored && isChannelIntegration(stored) ? connectChannel(deps.cipher, stored) : undefined;
    },
  };
}
