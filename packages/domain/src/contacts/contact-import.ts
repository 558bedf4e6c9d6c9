import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import { importFileError } from "./import-file-errors";
import type { ContactImport, ImportRowOutcome, ImportRowResult, OnDuplicate } from "./model";
import type { ContactsDeps } from "./ports";

/** 20 MiB of text, as the API accepts it. */
export const maxImportCsvLength = 20 * 1024 * 1024;
export const contactImportQueue = "contacts-import";

export async function startContactImport(
  deps: ContactsDeps,
  actor: Actor,
  /** `dryRun`: a preview, which reports what the import would do and writes no contact (see `ImportRun`). */
  input: { csv: string; onDuplicate: OnDuplicate; dryRun?: boolean | undefined },
): Promise<ContactImport> {
  if (input.csv.trim() === "") throw importFileError("empty");
  if (input.csv.length > maxImportCsvLength) throw importFileError("too_large", { max: maxImportCsvLength });
  const created = await deps.store.imports.create({
    organizationId: actor.organizationId,
    csv: input.csv,
    onDuplicate: input.onDuplicate,
    dryRun: input.dryRun ?? false,
    createdBy: actor.kind === "user" ? actor.userId : null,
  });
  await deps.queue.enqueue(
    contactImportQueue,
    { importId: created.id },
    { jobId: `contacts-import-${created.id}` },
  );
  return created;
}

export async function getContactImport(deps: ContactsDeps, actor: Actor, id: string): Promise<ContactImport> {
  const found = await deps.store.imports.findById(actor.organizationId, id);
  if (!found) throw notFound("Import");
  return found;
}

/** The organization's imports, newest first: how a client that lost an import's id finds it again. */
export async function listContactImports(
  deps: ContactsDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<ContactImport>> {
  return deps.store.imports.list(actor.organizationId, page);
}

export async function listContactImportRows(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  page: PageRequest,
  filter: { outcome?: ImportRowOutcome | undefined; warned?: boolean | undefined } = {},
): Promise<Page<ImportRowResult>> {
  await getContactImport(deps, actor, id);
  return deps.store.imports.listRows(actor.organizationId, id, page, filter);
}
