import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { Loading } from "../../components/ui/loading";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { TagChip } from "../../components/ui/tag-chip";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import { useTRPC } from "../../lib/trpc";
import { ContactPicker, type PickedContact } from "./contact-picker";
import { DuplicateSuggestions, usePossibleDuplicates } from "./duplicate-suggestions";
import { mergePreview } from "./merge-preview";
import { useCustomFields } from "./use-contact-options";
import type { Contact } from "./use-save-contact";

interface MergeContactDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  survivor: Contact;
}

/** How many related records to count before saying "100+". */
const countLimit = 100;

const filledLabels: Record<"email" | "phone" | "company", PlainMessageKey> = {
  email: "contacts.email",
  phone: "contacts.phone",
  company: "contacts.company",
};

export function MergeContactDialog({ open, onOpenChange, survivor }: MergeContactDialogProps) {
  const { t } = useI18n();
  const [duplicate, setDuplicate] = useState<PickedContact | null>(null);
  const suggestions = usePossibleDuplicates(survivor.id, open);
  const suggesting = duplicate === null && suggestions.length > 0;
  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) setDuplicate(null);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={close}
      size="lg"
      title={t("contacts.merge.title")}
      description={t("contacts.merge.description", { name: survivor.name })}
    >
      <div className="space-y-5">
        {suggesting && <DuplicateSuggestions items={suggestions} onPick={setDuplicate} />}
        <ContactPicker
          label={suggesting ? t("contacts.merge.search") : t("contacts.merge.duplicate")}
          value={duplicate}
          onChange={setDuplicate}
          excludeId={survivor.id}
        />
        {duplicate ? (
          <MergeSummary survivor={survivor} duplicateId={duplicate.id} onDone={() => close(false)} />
        ) : (
          <div className="flex justify-end">
            <Button variant="secondary" onClick={() => close(false)}>
              {t("common.cancel")}
            </Button>
          </div>
        )}
      </div>
    </Dialog>
  );
}

function MergeSummary({
  survivor,
  duplicateId,
  onDone,
}: {
  survivor: Contact;
  duplicateId: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const definitions = useCustomFields().data?.items ?? [];
  const duplicate = useQuery(trpc.contacts.get.queryOptions({ id: duplicateId }));
  const deals = useQuery(trpc.contacts.deals.queryOptions({ id: duplicateId, limit: countLimit }));
  const conversations = useQuery(
    trpc.contacts.conversations.queryOptions({ id: duplicateId, limit: countLimit }),
  );
  const merge = useMutation(
    trpc.contacts.merge.mutationOptions({
      onSuccess: async (merged) => {
        queryClient.setQueryData(trpc.contacts.get.queryKey({ id: merged.id }), merged);
        await queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
        onDone();
      },
    }),
  );

  if (duplicate.isPending || deals.isPending || conversations.isPending) return <Loading />;
  if (duplicate.isLoadingError) return <ErrorAlert error={duplicate.error} />;
  const preview = mergePreview(survivor, duplicate.data);
  const count = (page: { items: unknown[]; nextCursor: string | null } | undefined) =>
    page ? (page.nextCursor ? `${countLimit}+` : String(page.items.length)) : "?";
  const fieldLabel = (key: string) => definitions.find((definition) => definition.key === key)?.label ?? key;

  return (
    <div className="space-y-5">
      <RefreshFailedNotice query={duplicate} />
      <div className="flex items-center gap-3 rounded-lg bg-slate-50 p-3 text-sm ring-1 ring-slate-200 ring-inset">
        <span className="min-w-0 truncate font-medium text-slate-900">{duplicate.data.name}</span>
        <ArrowRight aria-hidden="true" className="size-4 shrink-0 text-slate-400" />
        <span className="sr-only">{t("contacts.merge.into")}</span>
        <span className="min-w-0 truncate font-medium text-slate-900">{survivor.name}</span>
      </div>
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{t("contacts.merge.moves")}</h3>
        <ul className="mt-2 space-y-1.5 text-sm text-slate-700">
          <li>{t("contacts.merge.deals", { count: count(deals.data) })}</li>
          <li>{t("contacts.merge.conversations", { count: count(conversations.data) })}</li>
          {preview.filled.length > 0 && (
            <li>
              {t("contacts.merge.fills", {
                fields: preview.filled.map((field) => t(filledLabels[field])).join(", "),
              })}
            </li>
          )}
          {preview.newFieldKeys.length > 0 && (
            <li>{t("contacts.merge.fields", { fields: preview.newFieldKeys.map(fieldLabel).join(", ") })}</li>
          )}
          {preview.newTags.length > 0 && (
            <li className="flex flex-wrap items-center gap-1.5">
              {t("contacts.merge.tags")}
              {preview.newTags.map((tag) => (
                <TagChip key={tag.id} name={tag.name} color={tag.color} />
              ))}
            </li>
          )}
        </ul>
      </div>
      <Alert tone="info">
        {t("contacts.merge.warning", { name: duplicate.data.name, survivor: survivor.name })}
      </Alert>
      <ErrorAlert error={merge.error} />
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={onDone}>
          {t("common.cancel")}
        </Button>
        <Button
          variant="danger"
          loading={merge.isPending}
          onClick={() => merge.mutate({ id: survivor.id, sourceId: duplicateId })}
        >
          {t("contacts.merge.confirm")}
        </Button>
      </div>
    </div>
  );
}
