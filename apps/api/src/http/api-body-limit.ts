import { maxContactImportCsvLength } from "@crm/contracts";
import { DomainError } from "@crm/domain";
import type { Context, MiddlewareHandler } from "hono";
import { requestBodyLimit } from "./body-limit";
import { protocolErrorResponse } from "./idempotency-errors";
import { restBasePath } from "./openapi";

/** Far above any input but a CSV import: a contact with every custom field filled is a few kilobytes. */
export const maxApiBodyBytes = 1024 * 1024;

/** An import carries the file's text in JSON: 20 MiB of characters, some escaped or taking several bytes. */
export const maxImportBodyBytes = 3 * maxContactImportCsvLength;

const importProcedure = "contacts.startImport";
const restImportPath = `${restBasePath}/contacts/imports`;

const isImport = (c: Context): boolean =>
  c.req.path.startsWith("/trpc/")
    ? c.req.path.slice("/trpc/".length).split(",").includes(importProcedure)
    : c.req.path === restImportPath;

const tooLarge = (limit: number) => `The request body is larger than ${limit / (1024 * 1024)} MiB`;

/**
 * The size limit of /trpc and /api/v1 bodies, answered before any of it is read or parsed (and before the
 * caller is authenticated: a login needs no megabytes). The answer has each protocol's error shape.
 */
export function apiBodyLimit(protocol: "trpc" | "rest"): MiddlewareHandler {
  return requestBodyLimit(
    (c) => (isImport(c) ? maxImportBodyBytes : maxApiBodyBytes),
    (c) => {
      const message = tooLarge(isImport(c) ? maxImportBodyBytes : maxApiBodyBytes);
      return protocolErrorResponse(c, protocol, new DomainError("PAYLOAD_TOO_LARGE", message));
    },
  );
}
