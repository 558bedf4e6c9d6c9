import type { ProcedurePath } from "./openapi-errors";
import { procedureAt } from "./rest-operations";

/** Where a created resource can be read: a GET path template with `{id}`, and how to find the id in the answer. */
interface Readable {
  path: string;
  idOf: (data: unknown) => unknown;
}

const ownId = (data: unknown) => (data as { id?: unknown } | null)?.id;

const at = (path: string, idOf: (data: unknown) => unknown = ownId): Readable => ({ path, idOf });

/**
 * The REST operations that create a resource: they answer 201, with a `Location` naming the new resource's GET
 * where there is one (`null`: the resource has no GET of its own). Kept here, next to the REST layer that
 * answers them, rather than guessed from the URL: `POST /contacts/{id}/merge` or `/payments/{id}/refund` create
 * nothing a client reads back, and sign-in operations (register, login) answer a session. A name that is no
 * procedure does not compile, and a missing GET path fails the OpenAPI document's build (openapi-created.ts).
 */
export const createdResources: Partial<Record<ProcedurePath, Readable | null>> = {
  "apiKeys.create": null,
  "companies.create": at("/companies/{id}"),
  "contacts.create": at("/contacts/{id}"),
  "contacts.startImport": at("/contacts/imports/{id}"),
  "contacts.confirmImport": at("/contacts/imports/{id}"),
  "conversations.create": at("/conversations/{id}"),
  "conversations.sendMessage": at("/messages/{id}"),
  "customFields.create": null,
  "deals.create": at("/deals/{id}"),
  "deals.addActivity": null,
  "integrations.create": at("/integrations/{id}"),
  "lostReasons.create": null,
  "payments.create": at("/payments/{id}"),
  "payments.createAndSendLink": at("/payments/{id}", (data) =>
    ownId((data as { payment?: unknown }).payment),
  ),
  "pipelines.create": at("/pipelines/{id}"),
  "tags.create": at("/tags/{id}"),
  "users.invite": null,
  "webhooks.create": at("/webhooks/{id}"),
};

export const createsResource = (procedure: string): boolean => procedure in createdResources;

/** The `Location` of the resource a create answered, relative to the server (`/api/v1/contacts/<id>`). */
export function locationOf(procedure: string, data: unknown, basePath: string): string | undefined {
  const readable = createdResources[procedure as ProcedurePath];
  const id = readable ? readable.idOf(data) : undefined;
  if (!readable || typeof id !== "string") return undefined;
  return `${basePath}${readable.path.replace("{id}", encodeURIComponent(id))}`;
}

/** The `Location` to send again with a create's kept answer (an idempotent replay): the one it was first sent with. */
export function replayedLocation(
  method: string,
  url: string,
  answer: { status: number; body: string },
  basePath: string,
): string | undefined {
  const { pathname } = new URL(url);
  if (answer.status !== 201 || !pathname.startsWith(basePath)) return undefined;
  const procedure = procedureAt(method, pathname.slice(basePath.length));
  if (!procedure) return undefined;
  try {
    return locationOf(procedure, JSON.parse(answer.body), basePath);
  } catch {
    return undefined;
  }
}
