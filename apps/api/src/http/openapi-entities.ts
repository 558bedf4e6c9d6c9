import {
  apiKey,
  company,
  contact,
  conversation,
  customField,
  deal,
  dealActivity,
  integration,
  message,
  notification,
  payment,
  pipeline,
  stage,
  tag,
  user,
} from "@crm/contracts";
import { z } from "zod";

/**
 * The main entities by name, so the OpenAPI document has them under `components.schemas` and every answer that
 * holds one refers to it (a client generator then makes one `Contact` type, not one per operation). zod-openapi
 * names a schema by the `id` of its metadata in zod's global registry, which is what `.meta({ id })` sets; it is
 * set here, on the very instances the procedures' outputs use, since `.meta()` would make new ones. The ids are
 * part of the public contract: never rename one.
 */
const entities = {
  ApiKey: apiKey,
  Activity: dealActivity,
  Company: company,
  Contact: contact,
  Conversation: conversation,
  CustomField: customField,
  Deal: deal,
  Integration: integration,
  Message: message,
  Notification: notification,
  Payment: payment,
  Pipeline: pipeline,
  Stage: stage,
  Tag: tag,
  User: user,
} satisfies Record<string, z.ZodType>;

export const entityNames = Object.keys(entities);

let named = false;

/** Gives each entity its component name; done once, before the document (or the REST handler) is generated. */
export function nameEntitySchemas(): void {
  if (named) return;
  named = true;
  for (const [id, schema] of Object.entries(entities)) {
    const existing = z.globalRegistry.get(schema);
    if (existing?.id !== undefined && existing.id !== id)
      throw new Error(`openapi: ${id}'s schema is already named ${existing.id}`);
    z.globalRegistry.add(schema, { ...existing, id });
  }
}
