import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { contactFilters } from "@crm/contracts";
import {
  type Actor,
  type ContactFilter,
  type ContactSort,
  type ContactsDeps,
  can,
  contactFilter,
  currentOrganization,
  DomainError,
  errorTable,
  type FieldErrors,
} from "@crm/domain";
import { stringify } from "csv-stringify";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import type { Container } from "../../container";
import { errorBody, routeActor } from "../../http/raw-route";
import { toContactListQuery } from "./dto";
import {
  type ContactCsvStyle,
  contactCsvFormat,
  contactCsvHeader,
  contactCsvRow,
  contactCsvStyle,
} from "./export-rows";

const exportInput = z.object(contactFilters);
/** The list's largest page: the export walks the same keyset pages. */
const exportPageSize = 100;

async function* csvRows(
  deps: ContactsDeps,
  actor: Actor,
  filter: ContactFilter,
  sort: ContactSort | undefined,
  style: ContactCsvStyle,
) {
  const definitions = await deps.store.customFields.listAll(actor.organizationId);
  yield contactCsvHeader(definitions);
  let cursor: string | undefined;
  do {
    const page = await deps.store.contacts.list(actor.organizationId, filter, {
      cursor,
      limit: exportPageSize,
      sort,
    });
    for (const contact of page.items) yield contactCsvRow(contact, definitions, style);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * `GET /contacts/export.csv?<the list's filters>`: every matching contact as CSV, streamed page by page, in
 * the organization's spreadsheet style (`;` and decimal commas for pt-BR).
 * A raw route (tRPC answers JSON), authenticated and authorized like the procedures.
 */
export function contactsExportRoutes(container: Container): Hono {
  const routes = new Hono();
  routes.get("/contacts/export.csv", async (c) => {
    const actor = await routeActor(container, c);
    if (!actor) return c.json(errorBody("UNAUTHENTICATED", "Sign in first"), 401);
    if (!can(actor.role, "contacts:read")) {
      return c.json(errorBody("FORBIDDEN", `Your role (${actor.role}) cannot do this (contacts:read)`), 403);
    }
    const parsed = exportInput.safeParse(c.req.query());
    if (!parsed.success) {
      const fieldErrors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "_";
        fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
      }
      return c.json(errorBody("VALIDATION_FAILED", "Invalid filters", fieldErrors), 400);
    }
    const { sort, ...query } = parsed.data;
    let filter: ContactFilter;
    try {
      filter = await contactFilter(container.contacts, actor.organizationId, toContactListQuery(query));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const status = errorTable[error.code].http as ContentfulStatusCode;
      return c.json(errorBody(error.code, error.message, error.details?.fieldErrors ?? null), status);
    }

    const style = contactCsvStyle(await currentOrganization(container.auth, actor.organizationId));
    const csv = stringify(contactCsvFormat(style));
    pipeline(Readable.from(csvRows(container.contacts, actor, filter, sort, style)), csv).catch(
      (err: unknown) =>
        container.logger.error({ err, requestId: c.get("requestId") }, "contact export failed"),
    );
    const date = new Date().toISOString().slice(0, 10);
    return new Response(Readable.toWeb(csv) as ReadableStream<Uint8Array>, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="contacts-${date}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
  return routes;
}
