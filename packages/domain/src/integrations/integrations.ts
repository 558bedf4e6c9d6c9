import type { Actor } from "../auth/model";
import { requireText } from "../auth/register";
import { isPaymentProviderName } from "../payments/model";
import { DomainError, notFound, validationFailed } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import { type Channel, type CredentialMode, channels, type IdentityResult } from "./channel";
import { mergeChannelConfig, parseChannelConfig } from "./config";
import { isChannelIntegration, openConfig, presentIntegration, routingOf, sealConfig } from "./credentials";
import { type IntegrationKind, integrationKinds, isIntegrationKind } from "./kind";
import type { Integration, StoredIntegration } from "./model";
import type { IntegrationFilter, IntegrationRepository, IntegrationsDeps } from "./ports";

export const maxIntegrationNameLength = 100;

export const isChannel = (value: string): value is Channel => (channels as readonly string[]).includes(value);

function requireKind(value: string): IntegrationKind {
  if (!isIntegrationKind(value)) {
    throw validationFailed("channel", `channel must be one of ${integrationKinds.join(", ")}`);
  }
  return value;
}

/** One WhatsApp number answers to one integration: its webhooks are routed by the number's id. */
async function assertRoutable(
  integrations: IntegrationRepository,
  channel: IntegrationKind,
  externalId: string | null,
  exceptId?: string,
): Promise<void> {
  if (channel !== "whatsapp" || externalId === null) return;
  if (await integrations.isExternalIdTaken(channel, externalId, exceptId)) {
    throw new DomainError("CONFLICT", "This WhatsApp phone number is already connected", {
      fieldErrors: { "config.phoneNumberId": ["This phone number is already connected"] },
    });
  }
}

export async function createIntegration(
  deps: IntegrationsDeps,
  actor: Actor,
  input: { channel: string; name: string; config: object },
): Promise<Integration> {
  const channel = requireKind(input.channel);
  const name = requireText(input.name, "name", maxIntegrationNameLength);
  const config = parseChannelConfig(channel, input.config);
  const routing = routingOf(deps.cipher, channel, config);
  return deps.store.transaction(async (repos) => {
    await assertRoutable(repos.integrations, channel, routing.externalId);
    const stored = await repos.integrations.create(actor.organizationId, {
      channel,
      name,
      sealedConfig: sealConfig(deps.cipher, actor.organizationId, config),
      ...routing,
    });
    return presentIntegration(stored, config);
  });
}

export async function getIntegration(deps: IntegrationsDeps, actor: Actor, id: string): Promise<Integration> {
  const stored = await deps.store.integrations.findById(actor.organizationId, id);
  if (!stored) throw notFound("Integration");
  return presentIntegration(stored, openConfig(deps.cipher, stored));
}

export async function listIntegrations(
  deps: IntegrationsDeps,
  actor: Actor,
  filter: IntegrationFilter,
  page: PageRequest,
): Promise<Page<Integration>> {
  const stored = await deps.store.integrations.list(actor.organizationId, filter, page);
  return {
    items: stored.items.map((item) => presentIntegration(item, openConfig(deps.cipher, item))),
    nextCursor: stored.nextCursor,
  };
}

export async function updateIntegration(
  deps: IntegrationsDeps,
  actor: Actor,
  id: string,
  input: {
    name?: string | undefined;
    isActive?: boolean | undefined;
    config?: object | undefined;
  },
): Promise<Integration> {
  const name =
    input.name === undefined ? undefined : requireText(input.name, "name", maxIntegrationNameLength);
  return deps.store.transaction(async (repos) => {
    const stored = await repos.integrations.findById(actor.organizationId, id);
    if (!stored) throw notFound("Integration");
    let config = openConfig(deps.cipher, stored);
    let configChanges = {};
    if (input.config !== undefined) {
      config = mergeChannelConfig(stored.channel, config, input.config);
      const routing = routingOf(deps.cipher, stored.channel, config);
      await assertRoutable(repos.integrations, stored.channel, routing.externalId, stored.id);
      configChanges = { sealedConfig: sealConfig(deps.cipher, actor.organizationId, config), ...routing };
    }
    const updated = await repos.integrations.update(actor.organizationId, id, {
      ...(name !== undefined && { name }),
      ...(input.isActive !== undefined && { isActive: input.isActive }),
      ...configChanges,
    });
    if (!updated) throw notFound("Integration");
    return presentIntegration(updated, config);
  });
}

export interface IntegrationDeletion {
  /** A payment integration's links that deleting it expires (0 for a messaging channel). */
  pendingPaymentLinks: number;
}

/** What deleting the integration would do, for the confirmation to say. */
export async function previewIntegrationDeletion(
  deps: IntegrationsDeps,
  actor: Actor,
  id: string,
): Promise<IntegrationDeletion> {
  const stored = await deps.store.integrations.findById(actor.organizationId, id);
  if (!stored) throw notFound("Integration");
  const pendingPaymentLinks =
    isPaymentProviderName(stored.channel) && deps.paymentLinks
      ? await deps.paymentLinks.countPending(actor.organizationId, id)
      : 0;
  return { pendingPaymentLinks };
}

/**
 * Its webhook logs, conversations and payments stay, no longer linked to it. A payment integration's pending links
 * are expired at the provider first (its credentials are needed for that); when that fails, nothing is deleted.
 */
export async function deleteIntegration(
  deps: IntegrationsDeps,
  actor: Actor,
  id: string,
): Promise<{ expiredPaymentLinks: number }> {
  const stored = await deps.store.integrations.findById(actor.organizationId, id);
  if (!stored) throw notFound("Integration");
  let expiredPaymentLinks = 0;
  if (isPaymentProviderName(stored.channel)) {
    if (!deps.paymentLinks) {
      throw new DomainError("UNPROCESSABLE", "Payment integrations cannot be deleted from here");
    }
    expiredPaymentLinks = await deps.paymentLinks.expirePending(actor, id);
  }
  const removed = await deps.store.integrations.remove(actor.organizationId, id);
  if (removed === "missing") throw notFound("Integration");
  if (removed === "payments_pending") {
    throw new DomainError(
      "CONFLICT",
      "A payment link was created with this integration while it was being deleted: delete it again to expire that link too",
    );
  }
  return { expiredPaymentLinks };
}

export interface IntegrationTestResult {
  ok: boolean;
  /** Who the credentials belong to, as the provider says (bot name, phone number). */
  identity: string | null;
  /** Test or live credentials, where the provider says (Stripe). */
  mode: CredentialMode | null;
  /** The provider's answer when it refused the credentials or could not be reached. */
  error: string | null;
  integration: Integration;
}

function askProvider(deps: IntegrationsDeps, stored: StoredIntegration): Promise<IdentityResult> {
  if (isChannelIntegration(stored)) {
    return deps.adapters.get(stored.channel).whoAmI(openConfig(deps.cipher, stored));
  }
  const channel = stored.channel;
  if (!isPaymentProviderName(channel)) return Promise.resolve({ ok: false, error: `Unknown ${channel}` });
  if (!deps.paymentProviders) {
    return Promise.resolve({ ok: false, error: `${channel} credentials cannot be tested here` });
  }
  return deps.paymentProviders.get(channel).whoAmI(openConfig(deps.cipher, { ...stored, channel }));
}

/** Asks the provider who the credentials belong to, and keeps the outcome on the integration. */
export async function testIntegration(
  deps: IntegrationsDeps,
  actor: Actor,
  id: string,
): Promise<IntegrationTestResult> {
  const stored = await deps.store.integrations.findById(actor.organizationId, id);
  if (!stored) throw notFound("Integration");
  const config = openConfig(deps.cipher, stored);
  const result = await askProvider(deps, stored);
  const at = deps.clock.now();
  const error = result.ok ? null : result.error;
  await deps.store.integrations.recordTest(actor.organizationId, id, { at, error });
  return {
    ok: result.ok,
    identity: result.ok ? result.identity : null,
    mode: (result.ok && result.mode) || null,
    error,
    integration: presentIntegration({ ...stored, lastTestedAt: at, lastTestError: error }, config),
  };
}
