import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../components/ui/confirm-dialog";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import type { Company } from "./company-search";

interface DeleteCompanyDialogProps {
  /** The company to delete; the dialog is open while there is one. */
  company: Pick<Company, "id" | "name"> | null;
  /** How many contacts work there, when known: the question says what becomes of them. */
  contactCount?: number | undefined;
  onClose: () => void;
  /** After the company is gone, before the lists are refreshed (e.g. leave its page). */
  onDeleted?: () => unknown;
}

/** Asks before deleting a company; as the API does, its contacts stay, without a company. */
export function DeleteCompanyDialog({ company, contactCount, onClose, onDeleted }: DeleteCompanyDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.companies.remove.mutationOptions({
      onSuccess: async (_ok, { id }) => {
        // no list shows it again: those on screen are read again before the dialog closes, the others afresh
        const lists = trpc.companies.list.pathKey();
        queryClient.removeQueries({ queryKey: lists, type: "inactive" });
        await queryClient.invalidateQueries({ queryKey: lists });
        onClose();
        await onDeleted?.();
        queryClient.removeQueries({ queryKey: trpc.companies.get.queryKey({ id }) });
        // its contacts lost their company
        await queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
      },
    }),
  );
  const name = company?.name ?? "";
  return (
    <ConfirmDialog
      open={company !== null}
      onOpenChange={(open) => {
        if (open) return;
        remove.reset();
        onClose();
      }}
      title={t("companies.delete.title")}
      description={
        contactCount === undefined
          ? t("companies.delete.description", { name })
          : t("companies.delete.contacts", { name, count: contactCount })
      }
      confirmLabel={t("companies.delete.confirm")}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => {
        if (company) remove.mutate({ id: company.id });
      }}
    />
  );
}
