import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { contactFilters } from "@crm/contracts";
import {
  type Actor,
  type ContactFilter,
  type ContactSort,
  type ContactsDeps,
  contactFilter,
  currentOrganization,
} from "@crm/domain";
import { TRPCError } from "@trpc/server";
import { stringify } from "csv-stringify";
import { Hono } from "hono";
import { z } from "zod";
import type { Container } from "../../container";
import { rawRoute } from "../../http/raw-route";
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
  yield contactCsvHeader(definitions, style);
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

/** Its name where a procedure's would be (errors' `data.path`, the OpenAPI operation), and who may call it. */
export const contactsExportRoute = { path: "contacts.exportCsv", permission: "contacts:read" } as const;

/**
 * `GET /contacts/export.csv?<the list's filters>`: every matching contact as CSV, streamed page by page, in
 * the organization's spreadsheet style (`;` and decimal commas for pt-BR).
 * A raw route (tRPC answers JSON), authenticated and authorized like the procedures.
 */
export function contactsExportRoutes(container: Container): Hono {
  const routes = new Hono();
  routes.get(
    "/contacts/export.csv",
    rawRoute(container, contactsExportRoute, async (c, actor) => {
      const parsed = exportInput.safeParse(c.req.query());
      // answered as the list answers its own filters: the same message, fieldErrors and issues
      if (!parsed.success) throw new TRPCError({ code: "BAD_REQUEST", cause: parsed.error });
      const { sort, ...query } = parsed.data;
      const filter = await contactFilter(container.contacts, actor.organizationId, toContactListQuery(query));

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
    }),
  );
  return routes;
}
