import type { Actor } from "../auth/model";
import { requireText } from "../auth/register";
import { isPaymentProviderName } from "../payments/model";
import { DomainError, notFound, validationFailed } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import {
  type Channel,
  type CredentialMode,
  channels,
  type IdentityResult,
  type WebhookRegistration,
} from "./channel";
import { mergeChannelConfig, parseChannelConfig } from "./config";
import { isChannelIntegration, openConfig, presentIntegration, routingOf, sealConfig } from "./credentials";
import { type IntegrationKind, integrationKinds, isIntegrationKind } from "./kind";
import type { Integration, StoredIntegration } from "./model";
import { assertNumberOwnership, needsNumberOwnershipCheck } from "./number-ownership";
import type { IntegrationFilter, IntegrationRepository, IntegrationsDeps } from "./ports";
import { enqueueReleasedWebhooks } from "./webhook-intake";

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

type Registration = { ok: true } | { ok: false; error: string };

/**
 * Tells a provider configured by API (Telegram's setWebhook) where to deliver, with the secret it must send back.
 * Done after the row is written, never inside its transaction; a refusal (Telegram wants HTTPS) is kept as the
 * integration's last test error, so the card shows it and "Test" tries again.
 */
async function registerWebhook(
  deps: IntegrationsDeps,
  stored: StoredIntegration,
  config: object,
): Promise<StoredIntegration> {
  if (!isChannelIntegration(stored) || !deps.webhookUrl || !stored.isActive) return stored;
  const adapter = deps.adapters.get(stored.channel);
  if (!adapter.registerWebhook) return stored;
  const url = deps.webhookUrl(stored.channel, stored.id);
  // the channel's adapter and config come from the same validated row
  const register = adapter.registerWebhook as (config: object, url: string) => Promise<Registration>;
  const result = await register(config, url);
  const at = deps.clock.now();
  const error = result.ok ? null : `Webhook not registered at ${url}: ${result.error}`;
  await deps.store.integrations.recordTest(stored.organizationId, stored.id, { at, error });
  return { ...stored, lastTestedAt: at, lastTestError: error };
}

/** Best effort: the integration is gone either way; a bot left pointing here gets 404s until it is reused. */
async function unregisterWebhook(deps: IntegrationsDeps, stored: StoredIntegration, config: object) {
  if (!isChannelIntegration(stored)) return;
  const adapter = deps.adapters.get(stored.channel);
  if (!adapter.unregisterWebhook) return;
  const unregister = adapter.unregisterWebhook as (config: object) => Promise<Registration>;
  const result = await unregister(config);
  if (!result.ok) {
    deps.logger.warn(
      { integrationId: stored.id, channel: stored.channel, error: result.error },
      "webhook not unregistered at the provider",
    );
  }
}

const webhookFields = ["botToken", "secretToken"] as const;
const changesWebhook = (before: object, after: object): boolean =>
  webhookFields.some(
    (key) => (before as Record<string, unknown>)[key] !== (after as Record<string, unknown>)[key],
  );

export async function createIntegration(
  deps: IntegrationsDeps,
  actor: Actor,
  input: { channel: string; name: string; config: object },
): Promise<Integration> {
  const channel = requireKind(input.channel);
  const name = requireText(input.name, "name", maxIntegrationNameLength);
  const config = parseChannelConfig(channel, input.config);
  await assertNumberOwnership(deps.adapters, channel, undefined, config);
  const routing = routingOf(deps.cipher, channel, config);
  const stored = await deps.store.transaction(async (repos) => {
    await assertRoutable(repos.integrations, channel, routing.externalId);
    return repos.integrations.create(actor.organizationId, {
      channel,
      name,
      sealedConfig: sealConfig(deps.cipher, actor.organizationId, config),
      ...routing,
    });
  });
  return presentIntegration(await registerWebhook(deps, stored, config), config);
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
): Promise<Integration & { releasedDeliveries: number }> {
  const name =
    input.name === undefined ? undefined : requireText(input.name, "name", maxIntegrationNameLength);
  const checked =
    input.config === undefined ? undefined : await checkNewConfig(deps, actor, id, input.config);
  const outcome = await deps.store.transaction(async (repos) => {
    const stored = await repos.integrations.findById(actor.organizationId, id);
    if (!stored) throw notFound("Integration");
    const before = openConfig(deps.cipher, stored);
    let config = before;
    let configChanges = {};
    if (input.config !== undefined) {
      config = mergeChannelConfig(stored.channel, config, input.config);
      if (needsNumberOwnershipCheck(stored.channel, checked ?? before, config)) {
        throw new DomainError(
          "PRECONDITION_FAILED",
          "The integration's settings changed while its credentials were being checked: nothing was saved, try again",
        );
      }
      const routing = routingOf(deps.cipher, stored.channel, config);
      await assertRoutable(repos.integrations, stored.channel, routing.externalId, stored.id);
      configChanges = {
        sealedConfig: sealConfig(deps.cipher, actor.organizationId, config),
        ...routing,
        // the last test was of the old credentials: no client shows its outcome any longer
        ...(!sameConfig(before, config) && { clearTestResult: true }),
      };
    }
    const updated = await repos.integrations.update(actor.organizationId, id, {
      ...(name !== undefined && { name }),
      ...(input.isActive !== undefined && { isActive: input.isActive }),
      ...configChanges,
    });
    if (!updated) throw notFound("Integration");
    const switchedOn = updated.isActive && !stored.isActive;
    // after the update took the row's lock: a webhook held concurrently has committed (see insertHeld)
    const released = switchedOn ? await repos.webhookLogs.releaseHeld(actor.organizationId, id) : [];
    return { updated, before, config, released, reregister: switchedOn || changesWebhook(before, config) };
  });
  const { updated, before, config } = outcome;
  await enqueueReleasedWebhooks(deps, updated.channel, outcome.released);
  const releasedDeliveries = outcome.released.length;
  if (!outcome.reregister) return { ...presentIntegration(updated, config), releasedDeliveries };
  // another bot took over this integration: the old one stops delivering here
  if (
    updated.isActive &&
    (before as { botToken?: unknown }).botToken !== (config as { botToken?: unknown }).botToken
  ) {
    await unregisterWebhook(deps, updated, before);
  }
  return { ...presentIntegration(await registerWebhook(deps, updated, config), config), releasedDeliveries };
}

/**
 * The provider's checks of a PATCHed config, outside the transaction: answers the config that was checked
 * (undefined when none was needed), which the transaction's own merge must still match.
 */
async function checkNewConfig(
  deps: IntegrationsDeps,
  actor: Actor,
  id: string,
  patch: object,
): Promise<object | undefined> {
  const stored = await deps.store.integrations.findById(actor.organizationId, id);
  if (!stored) throw notFound("Integration");
  const before = openConfig(deps.cipher, stored);
  const after = mergeChannelConfig(stored.channel, before, patch);
  if (!needsNumberOwnershipCheck(stored.channel, before, after)) return undefined;
  await assertNumberOwnership(deps.adapters, stored.channel, before, after);
  return after;
}

const sameConfig = (a: object, b: object): boolean => {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return [...new Set([...Object.keys(left), ...Object.keys(right)])].every((key) => left[key] === right[key]);
};

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
  const config = openConfig(deps.cipher, stored);
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
  await unregisterWebhook(deps, stored, config);
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

/**
 * Where a provider configured by API delivers: a wrong or missing URL is set again (what "Test" is pressed for after
 * a refusal), a refusal or the provider's last delivery error is the test's error.
 */
async function checkWebhook(
  deps: IntegrationsDeps,
  stored: StoredIntegration,
  config: object,
): Promise<string | null> {
  if (!isChannelIntegration(stored) || !deps.webhookUrl) return null;
  const adapter = deps.adapters.get(stored.channel);
  if (!adapter.webhookRegistration || !adapter.registerWebhook) return null;
  const expected = deps.webhookUrl(stored.channel, stored.id);
  const inspect = adapter.webhookRegistration as (config: object) => Promise<WebhookRegistration>;
  const register = adapter.registerWebhook as (config: object, url: string) => Promise<Registration>;
  const info = await inspect(config);
  if (!info.ok) return info.error;
  if (info.url !== expected) {
    const fixed = await register(config, expected);
    if (fixed.ok) return null;
    const current = info.url === "" ? "no URL" : info.url;
    return `Webhook registered at ${current}, not at ${expected}, and setting it failed: ${fixed.error}`;
  }
  return info.lastError === null
    ? null
    : `The last webhook delivery to ${expected} failed: ${info.lastError}`;
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
  const asked = await askProvider(deps, stored);
  const webhookError = asked.ok && stored.isActive ? await checkWebhook(deps, stored, config) : null;
  const result: IdentityResult = webhookError === null ? asked : { ok: false, error: webhookError };
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
