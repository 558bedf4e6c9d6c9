import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ListPlus, Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { CardList, CardListItem, useWideEnoughForTable } from "../../components/ui/card-list";
import { ConfirmDialog } from "../../components/ui/confirm-dialog";
import { EmptyState } from "../../components/ui/empty-state";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { Table, Td, Th } from "../../components/ui/table";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { CustomFieldDialog } from "./custom-field-dialog";
import type { CustomFieldDefinition } from "./custom-field-drafts";
import { customFieldTypeLabels } from "./custom-field-types";
import { useCustomFields } from "./use-contact-options";

/** Owners and admins define the extra fields every contact can have. */
export function CustomFieldsCard({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fields = useCustomFields();
  const [editing, setEditing] = useState<CustomFieldDefinition | "new" | null>(null);
  const [removing, setRemoving] = useState<CustomFieldDefinition | null>(null);
  // how many contacts lose it, said in the confirmation (one count query, only while it is open)
  const usage = useQuery(
    trpc.customFields.usage.queryOptions({ id: removing?.id ?? "" }, { enabled: removing !== null }),
  );
  const usageText =
    removing === null || !usage.data
      ? ""
      : usage.data.contacts === 0
        ? t("customFields.remove.unused")
        : t("customFields.remove.usage", { count: usage.data.contacts });
  const remove = useMutation(
    trpc.customFields.remove.mutationOptions({
      onSuccess: async () => {
        setRemoving(null);
        await queryClient.invalidateQueries({ queryKey: trpc.customFields.list.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
      },
    }),
  );
  const items = fields.data?.items ?? [];
  const addButton = canManage && (
    <Button size="sm" onClick={() => setEditing("new")}>
      <Plus aria-hidden="true" className="size-4" />
      {t("customFields.create.open")}
    </Button>
  );

  const wide = useWideEnoughForTable();
  /** The label with its badges and options, in the table's first column or on top of the card. */
  const fieldLabel = (field: (typeof items)[number]) => (
    <>
      <span className="font-medium text-slate-900">{field.label}</span>
      {field.required && (
        <span className="ml-2">
          <Badge tone="warning">{t("customFields.requiredBadge")}</Badge>
        </span>
      )}
      {field.options.length > 0 && (
        <p className="mt-0.5 max-w-xs truncate text-xs text-slate-500">{field.options.join(", ")}</p>
      )}
    </>
  );
  /** Edit and remove, in the table's last column or at the end of the card. */
  const fieldActions = (field: (typeof items)[number]) => (
    <span className="whitespace-nowrap">
      {canManage && (
        <>
          <Button
            variant="ghost"
            size="sm"
            aria-label={t("customFields.editLabel", { label: field.label })}
            onClick={() => setEditing(field)}
          >
            <Pencil aria-hidden="true" className="size-4" />
          </Button>
          <Button
            variant="ghost"
            size="sm"
            aria-label={t("customFields.removeLabel", { label: field.label })}
            onClick={() => {
              remove.reset();
              setRemoving(field);
            }}
          >
            <Trash2 aria-hidden="true" className="size-4" />
          </Button>
        </>
      )}
    </span>
  );

  return (
    <Card
      title={t("customFields.title")}
      description={t("customFields.description")}
      actions={items.length > 0 && addButton}
    >
      <RefreshFailedNotice query={fields} />
      {fields.isPending ? (
        <Loading />
      ) : fields.isLoadingError ? (
        <QueryError error={fields.error} onRetry={() => void fields.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={ListPlus}
          title={t("customFields.empty.title")}
          description={t("customFields.empty.description")}
        >
          {addButton}
        </EmptyState>
      ) : wide ? (
        <Table
          caption={t("customFields.title")}
          head={
            <>
              <Th>{t("customFields.label")}</Th>
              <Th>{t("customFields.key")}</Th>
              <Th>{t("customFields.type")}</Th>
              <Th>
                <span className="sr-only">{t("common.actions")}</span>
              </Th>
            </>
          }
        >
          {items.map((field) => (
            <tr key={field.id}>
              <Td>{fieldLabel(field)}</Td>
              <Td className="font-mono text-xs text-slate-600">{field.key}</Td>
              <Td className="text-slate-600">{t(customFieldTypeLabels[field.type])}</Td>
              <Td className="text-right whitespace-nowrap">{fieldActions(field)}</Td>
            </tr>
          ))}
        </Table>
      ) : (
        <CardList label={t("customFields.title")}>
          {items.map((field) => (
            <CardListItem key={field.id} title={fieldLabel(field)}>
              <code className="font-mono text-xs text-slate-600">{field.key}</code>
              <span className="text-slate-600">{t(customFieldTypeLabels[field.type])}</span>
              <span className="ml-auto">{fieldActions(field)}</span>
            </CardListItem>
          ))}
        </CardList>
      )}
      <CustomFieldDialog
        open={editing !== null}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
        definition={editing === "new" || editing === null ? undefined : editing}
      />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => {
          if (!open) setRemoving(null);
        }}
        title={t("customFields.remove.title")}
        description={[t("customFields.remove.description", { label: removing?.label ?? "" }), usageText]
          .join(" ")
          .trim()}
        confirmLabel={t("customFields.remove.confirm")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (removing) remove.mutate({ id: removing.id });
        }}
      />
    </Card>
  );
}
