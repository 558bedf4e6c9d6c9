import type { OpenAPIObject } from "trpc-to-openapi";

/** What each tag of the document groups, in the order the docs list them. */
const tagDescriptions: Record<string, string> = {
  auth: "Sign up, sign in and out, sessions, passwords and your own profile",
  users: "The organization's members and invitations to join it",
  organizations: "Your organization's name, locale and settings",
  "api-keys": "Keys for integrators, each with a role",
  contacts: "People you talk to and sell to: their details, tags, custom fields, imports and exports",
  companies: "The companies contacts work for",
  tags: "Labels to group contacts",
  "custom-fields": "Fields of your own on contacts",
  pipelines: "Sales pipelines and their stages",
  deals: "Opportunities moving through a pipeline, with their activities",
  "lost-reasons": "The organization's predefined reasons for losing a deal, and lost deals per reason",
  conversations: "The shared inbox: conversations with contacts on every channel, and sending messages",
  messages: "Messages across conversations: search, read, retry, delete and their media",
  notifications: "Your notifications: mentions, assignments and the like",
  integrations: "Channel and payment provider connections, and the webhooks they receive",
  webhooks:
    "Outgoing webhooks: your URLs called, signed, when contacts, deals, conversations or payments change",
  payments: "Payment links for deals (Stripe, Mercado Pago), their status and refunds",
  deletions: "Contacts, companies, deals, conversations and tags deleted: what a sync of their lists misses",
};

/**
 * The document's root `tags`, each with a line on what it groups. An operation tagged with a tag this table
 * does not describe fails the build of the document, so a new one is described when it is added.
 */
export function withTagDescriptions(generated: OpenAPIObject): OpenAPIObject {
  const doc = structuredClone(generated);
  const used = new Set<string>();
  for (const item of Object.values(doc.paths ?? {}))
    for (const operation of Object.values(item as Record<string, { tags?: string[] }>))
      for (const tag of operation.tags ?? []) used.add(tag);
  const undescribed = [...used].filter((tag) => !(tag in tagDescriptions));
  if (undescribed.length > 0) throw new Error(`openapi: describe the tags ${undescribed.join(", ")}`);
  doc.tags = Object.entries(tagDescriptions)
    .filter(([name]) => used.has(name))
    .map(([name, description]) => ({ name, description }));
  return doc;
}
