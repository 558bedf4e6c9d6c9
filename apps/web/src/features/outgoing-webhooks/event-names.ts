import type { RouterInputs } from "../../lib/api-types";

/** An event name, or "*" for all of them. */
export type WebhookEventChoice = RouterInputs["webhooks"]["create"]["events"][number];
type EventName = Exclude<WebhookEventChoice, "*">;

/** The events a webhook may subscribe to, in the order the form lists them (the API's list; kept here, not
 * imported from contracts, so the page does not pull zod into the browser). */
export const webhookEventNames = [
  "contact_updated",
  "deal_updated",
  "new_message",
  "message_updated",
  "message_status",
  "conversation_updated",
  "conversation_assigned",
  "payment_status",
] as const satisfies readonly EventName[];

// fails to compile when the API gains an event this list lacks
const coversEveryEvent: Exclude<EventName, (typeof webhookEventNames)[number]> extends never ? true : false =
  true;
void coversEveryEvent;

const choices = new Set<string>(["*", ...webhookEventNames]);

/** A webhook's stored events as form choices (an event this page does not know is dropped). */
export const toChoices = (events: string[]): WebhookEventChoice[] =>
  events.filter((event): event is WebhookEventChoice => choices.has(event));
