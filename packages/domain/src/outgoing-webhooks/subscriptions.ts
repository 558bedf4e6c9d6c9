import type { Actor } from "../auth/model";
import { DomainError, notFound, validationFailed } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import {
  allEvents,
  isOutgoingWebhookEvent,
  maxSubscriptionsPerOrganization,
  type WebhookSubscription,
} from "./model";
import type { OutgoingWebhooksDeps, SubscriptionPatch } from "./ports";
import { parseWebhookUrl } from "./webhook-url";

export interface SubscriptionInput {
  url: string;
  events: string[];
  description?: string | null | undefined;
  isActive?: boolean | undefined;
}

/** The secret in clear, only in the answer of a create or a rotation. */
export interface SubscriptionWithSecret {
  subscription: WebhookSubscription;
  secret: string;
}

function parseEvents(events: string[]): string[] {
  const unique = [...new Set(events)];
  if (unique.length === 0) throw validationFailed("events", "Choose at least one event, or *");
  if (unique.includes(allEvents)) {
    if (unique.length > 1) throw validationFailed("events", "* already means every event: send it alone");
    return [allEvents];
  }
  const unknown = unique.filter((event) => !isOutgoingWebhookEvent(event));
  if (unknown.length > 0) throw validationFailed("events", `Unknown events: ${unknown.join(", ")}`);
  return unique;
}

function parseDescription(description: string | null | undefined): string | null {
  const text = description?.trim() ?? "";
  if (text.length > 500) throw validationFailed("description", "At most 500 characters");
  return text === "" ? null : text;
}

/** The sealed secret is bound to its subscription: copied onto another row it does not open. */
export const secretContext = (organizationId: string, subscriptionId: string) =>
  `outgoing-webhook:${organizationId}:${subscriptionId}`;

const hintOf = (secret: string) => `…${secret.slice(-4)}`;

function newSecret(deps: OutgoingWebhooksDeps, organizationId: string, subscriptionId: string) {
  const secret = deps.signer.newSecret();
  return {
    secret,
    sealed: deps.cipher.seal(secret, secretContext(organizationId, subscriptionId)),
    hint: hintOf(secret),
  };
}

export async function createSubscription(
  deps: OutgoingWebhooksDeps,
  actor: Actor,
  input: SubscriptionInput,
): Promise<SubscriptionWithSecret> {
  const url = parseWebhookUrl(input.url, deps.urlPolicy);
  const events = parseEvents(input.events);
  const description = parseDescription(input.description);
  const id = deps.newId();
  const { secret, sealed, hint } = newSecret(deps, actor.organizationId, id);
  const subscription = await deps.store.subscriptions.create(
    actor.organizationId,
    id,
    { url, events, description, isActive: input.isActive ?? true, secret: sealed, secretHint: hint },
    maxSubscriptionsPerOrganization,
  );
  if (!subscription) {
    throw new DomainError(
      "UNPROCESSABLE",
      `An organization may have at most ${maxSubscriptionsPerOrganization} webhooks: delete one first`,
    );
  }
  return { subscription, secret };
}

export async function getSubscription(
  deps: OutgoingWebhooksDeps,
  actor: Actor,
  id: string,
): Promise<WebhookSubscription> {
  const subscription = await deps.store.subscriptions.findById(actor.organizationId, id);
  if (!subscription) throw notFound("Webhook");
  return subscription;
}

export const listSubscriptions = (
  deps: OutgoingWebhooksDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<WebhookSubscription>> => deps.store.subscriptions.list(actor.organizationId, page);

export async function updateSubscription(
  deps: OutgoingWebhooksDeps,
  actor: Actor,
  id: string,
  input: Partial<SubscriptionInput>,
): Promise<WebhookSubscription> {
  const patch: SubscriptionPatch = {
    ...(input.url === undefined ? {} : { url: parseWebhookUrl(input.url, deps.urlPolicy) }),
    ...(input.events === undefined ? {} : { events: parseEvents(input.events) }),
    ...(input.description === undefined ? {} : { description: parseDescription(input.description) }),
    ...(input.isActive === undefined ? {} : { isActive: input.isActive }),
  };
  const subscription = await deps.store.subscriptions.update(actor.organizationId, id, patch);
  if (!subscription) throw notFound("Webhook");
  return subscription;
}

export async function deleteSubscription(
  deps: OutgoingWebhooksDeps,
  actor: Actor,
  id: string,
): Promise<void> {
  if (!(await deps.store.subscriptions.remove(actor.organizationId, id))) throw notFound("Webhook");
}

/** A new signing secret; the old one stops signing at once. */
export async function rotateSecret(
  deps: OutgoingWebhooksDeps,
  actor: Actor,
  id: string,
): Promise<SubscriptionWithSecret> {
  const { secret, sealed, hint } = newSecret(deps, actor.organizationId, id);
  const subscription = await deps.store.subscriptions.replaceSecret(actor.organizationId, id, sealed, hint);
  if (!subscription) throw notFound("Webhook");
  return { subscription, secret };
}
