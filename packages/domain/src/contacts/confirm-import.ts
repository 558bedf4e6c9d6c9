import type { Actor } from "../auth/model";
import { DomainError, notFound } from "../shared/errors";
import { contactImportQueue } from "./contact-import";
import type { ContactImport, OnDuplicate } from "./model";
import type { ContactsDeps } from "./ports";

/** Why a preview cannot be confirmed, for clients to word it (`details.fieldReasons.id`). */
export type ImportConfirmRefusal =
  | "not_a_preview"
  | "preview_not_finished"
  | "preview_failed"
  | "already_confirmed"
  | "preview_file_gone";

const refusals: Record<ImportConfirmRefusal, string> = {
  not_a_preview: "Only a preview (an import with dryRun) can be confirmed",
  preview_not_finished: "The preview is not finished yet: confirm it once it is completed",
  preview_failed: "The preview failed: fix the file and import it again",
  already_confirmed: "The preview was already confirmed",
  preview_file_gone: "The preview's file is no longer kept: import the file again",
};

const refused = (reason: ImportConfirmRefusal, existingId?: string) =>
  new DomainError(reason === "already_confirmed" ? "CONFLICT" : "PRECONDITION_FAILED", refusals[reason], {
    fieldReasons: { id: reason },
    ...(existingId ? { existingId } : {}),
  });

/**
 * Starts the import a completed preview announced, from the file the preview kept and with its mode unless
 * `onDuplicate` changes it; the preview records the import it became, once.
 */
export async function confirmContactImport(
  deps: ContactsDeps,
  actor: Actor,
  input: { id: string; onDuplicate?: OnDuplicate | undefined },
): Promise<ContactImport> {
  const created = await deps.store.transaction(async (repos) => {
    const preview = await repos.imports.findById(actor.organizationId, input.id, "update");
    if (!preview) throw notFound("Import");
    if (!preview.dryRun) throw refused("not_a_preview");
    if (preview.confirmedImportId) throw refused("already_confirmed", preview.confirmedImportId);
    if (preview.status === "failed") throw refused("preview_failed");
    if (preview.status !== "completed") throw refused("preview_not_finished");
    const csv = await repos.imports.csv(preview.id);
    if (csv === undefined) throw refused("preview_file_gone");
    const contactImport = await repos.imports.create({
      organizationId: actor.organizationId,
      csv,
      onDuplicate: input.onDuplicate ?? preview.onDuplicate,
      dryRun: false,
      createdBy: actor.kind === "user" ? actor.userId : null,
    });
    await repos.imports.markConfirmed(preview.id, contactImport.id);
    return contactImport;
  });
  // after the commit, as `startContactImport` does: the sweeper enqueues an import whose job was lost
  await deps.queue.enqueue(
    contactImportQueue,
    { importId: created.id },
    { jobId: `contacts-import-${created.id}` },
  );
  return created;
}
