import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Alert } from "../../components/ui/alert";
import { ConfirmDialog } from "../../components/ui/confirm-dialog";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import type { Contact } from "./use-save-contact";

interface DeleteContactDialogProps {
  contact: Pick<Contact, "id" | "name">;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * Asks before deleting a contact and says what goes with it (its conversations and their messages) and what
 * stays (its deals, without a contact, with their pending payment links still open at the provider).
 */
export function DeleteContactDialog({ contact, open, onOpenChange }: DeleteContactDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const impact = useQuery({
    ...trpc.contacts.deletionImpact.queryOptions({ id: contact.id }),
    enabled: open,
    staleTime: 0,
  });
  const remove = useMutation(
    trpc.contacts.remove.mutationOptions({
      onSuccess: async () => {
        await navigate({ to: "/contacts" });
        queryClient.removeQueries({ queryKey: trpc.contacts.get.queryKey({ id: contact.id }) });
        await queryClient.invalidateQueries({ queryKey: trpc.contacts.list.pathKey() });
      },
    }),
  );
  const counts = impact.data;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        // a failure shown before is not this attempt's
        if (!next) remove.reset();
        onOpenChange(next);
      }}
      title={t("contacts.delete.title")}
      description={t("contacts.delete.description", { name: contact.name })}
      confirmLabel={t("contacts.delete.confirm")}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate({ id: contact.id })}
    >
      <div className="mb-4 space-y-3 text-sm text-slate-700">
        {counts ? (
          <>
            <div>
              <h3 className="font-semibold text-slate-900">{t("contacts.delete.affects")}</h3>
              <ul className="mt-2 space-y-1.5">
                <li>{t("contacts.delete.conversations", { count: counts.conversations })}</li>
                <li>{t("contacts.delete.messages", { count: counts.messages })}</li>
                <li>{t("contacts.delete.deals", { count: counts.deals })}</li>
                <li>{t("contacts.delete.pendingLinks", { count: counts.pendingPaymentLinks })}</li>
              </ul>
            </div>
            {counts.pendingPaymentLinks > 0 && (
              <Alert tone="info">
                {t("contacts.delete.pendingLinksWarning", { count: counts.pendingPaymentLinks })}
              </Alert>
            )}
          </>
        ) : impact.isError ? (
          <p>{t("contacts.delete.impactUnknown")}</p>
        ) : (
          <p>{t("contacts.delete.checking")}</p>
        )}
      </div>
    </ConfirmDialog>
  );
}
