import { contactFilters } from "@crm/contracts";
import type { OpenAPIObject } from "trpc-to-openapi";
import { contactsExportRoute } from "../routers/contacts/export-contacts-csv";
import { messageMediaRoute } from "../routers/messages/message-media";

type Operation = NonNullable<NonNullable<OpenAPIObject["paths"]>[string]["get"]>;

const operationOf = (doc: OpenAPIObject, path: string): Operation => {
  const operation = doc.paths?.[path]?.get;
  if (!operation?.parameters) throw new Error(`openapi: the raw routes need GET ${path}'s parameters`);
  return operation;
};

/**
 * Adds the raw routes (http/raw-route.ts: files, not JSON), which trpc-to-openapi cannot see. Their parameters,
 * security and errors are taken from the generated operations they mirror, so they cannot drift: the export
 * takes the list's filters (not its page) and answers its errors; the media takes the message's id and answers
 * its errors but 400 (a malformed id is a 404 there).
 */
export function withRawRoutes(generated: OpenAPIObject): OpenAPIObject {
  const doc = structuredClone(generated);
  const list = operationOf(doc, "/contacts");
  const message = operationOf(doc, "/messages/{id}");
  const { "200": _listed, ...listErrors } = list.responses ?? {};
  const { "200": _read, "400": _invalid, ...messageErrors } = message.responses ?? {};

  const exportCsv: Operation = {
    operationId: contactsExportRoute.path.replace(".", "-"),
    summary: "Export the contacts that match the list's filters as CSV",
    description:
      "Every matching contact (not a page), streamed, with a UTF-8 BOM; in the organization's spreadsheet " +
      "style (`;` and decimal commas for pt-BR). Needs `contacts:read`.",
    tags: ["contacts"],
    security: list.security,
    parameters: (list.parameters ?? []).filter(
      (parameter) => "name" in parameter && parameter.name in contactFilters,
    ),
    responses: {
      "200": {
        description: "The CSV file (an attachment)",
        content: { "text/csv": { schema: { type: "string" } } },
      },
      ...listErrors,
    },
  };
  const media: Operation = {
    operationId: messageMediaRoute.path.replace(".", "-"),
    summary: "Download a message's stored media (what `media.url` points at)",
    description:
      "The file in its own type (`Content-Type`): inline for images, audio and video, an attachment otherwise. " +
      "404 unless the caller may see the message's conversation. Needs `conversations:read`.",
    tags: ["messages"],
    security: message.security,
    parameters: message.parameters,
    responses: {
      "200": {
        description: "The file",
        content: { "*/*": { schema: { type: "string", format: "binary" } } },
      },
      ...messageErrors,
    },
  };

  doc.paths = {
    ...doc.paths,
    "/contacts/export.csv": { get: exportCsv },
    "/messages/{id}/media": { get: media },
  };
  return doc;
}
