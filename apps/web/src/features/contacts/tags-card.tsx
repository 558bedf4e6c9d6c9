import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus, Tag, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { CardList, CardListItem, useWideEnoughForTable } from "../../components/ui/card-list";
import { ConfirmDialog } from "../../components/ui/confirm-dialog";
import { EmptyState } from "../../components/ui/empty-state";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { Table, Td, Th } from "../../components/ui/table";
import { TagChip } from "../../components/ui/tag-chip";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDate } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { TagDialog } from "./tag-dialog";
import type { TagRef } from "./tag-picker";
import { optionsLimit } from "./use-contact-options";

export function TagsCard({ canEdit, canDelete }: { canEdit: boolean; canDelete: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // every tag, a page at a time: an organization may have more than one page of them
  const tags = useInfiniteQuery(
    trpc.tags.list.infiniteQueryOptions(
      { limit: optionsLimit },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const [editing, setEditing] = useState<TagRef | "new" | null>(null);
  const [removing, setRemoving] = useState<TagRef | null>(null);
  // how many contacts lose it, said in the confirmation (one count query, only while it is open)
  const usage = useQuery(
    trpc.tags.usage.queryOptions({ id: removing?.id ?? "" }, { enabled: removing !== null }),
  );
  const usageText =
    removing === null || !usage.data
      ? ""
      : usage.data.contacts === 0
        ? t("tags.remove.unused")
        : t("tags.remove.usage", { count: usage.data.contacts });
  const remove = useMutation(
    trpc.tags.remove.mutationOptions({
      onSuccess: async () => {
        setRemoving(null);
        await queryClient.invalidateQueries({ queryKey: trpc.tags.list.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
      },
    }),
  );
  const items = tags.data?.pages.flatMap((page) => page.items) ?? [];
  const addButton = canEdit && (
    <Button size="sm" onClick={() => setEditing("new")}>
      <Plus aria-hidden="true" className="size-4" />
      {t("tags.create.open")}
    </Button>
  );

  const wide = useWideEnoughForTable();
  /** Edit and remove, in the table's last column or at the end of the card. */
  const tagActions = (tag: (typeof items)[number]) => (
    <span className="whitespace-nowrap">
      {canEdit && (
        <Button
          variant="ghost"
          size="sm"
          aria-label={t("tags.editLabel", { name: tag.name })}
          onClick={() => setEditing(tag)}
        >
          <Pencil aria-hidden="true" className="size-4" />
        </Button>
      )}
      {canDelete && (
        <Button
          variant="ghost"
          size="sm"
          aria-label={t("tags.removeLabel", { name: tag.name })}
          onClick={() => {
            remove.reset();
            setRemoving(tag);
          }}
        >
          <Trash2 aria-hidden="true" className="size-4" />
        </Button>
      )}
    </span>
  );

  return (
    <Card title={t("tags.title")} description={t("tags.description")} actions={items.length > 0 && addButton}>
      <RefreshFailedNotice query={tags} />
      {tags.isPending ? (
        <Loading />
      ) : tags.isLoadingError ? (
        <QueryError error={tags.error} onRetry={() => void tags.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={Tag} title={t("tags.empty.title")} description={t("tags.empty.description")}>
          {addButton}
        </EmptyState>
      ) : wide ? (
        <Table
          caption={t("tags.title")}
          head={
            <>
              <Th>{t("tags.name")}</Th>
              <Th>{t("tags.createdAt")}</Th>
              <Th>
                <span className="sr-only">{t("common.actions")}</span>
              </Th>
            </>
          }
        >
          {items.map((tag) => (
            <tr key={tag.id}>
              <Td>
                <TagChip name={tag.name} color={tag.color} />
              </Td>
              <Td className="text-slate-500">{formatDate(tag.createdAt, locale)}</Td>
              <Td className="text-right whitespace-nowrap">{tagActions(tag)}</Td>
            </tr>
          ))}
        </Table>
      ) : (
        <CardList label={t("tags.title")}>
          {items.map((tag) => (
            <CardListItem key={tag.id} title={<TagChip name={tag.name} color={tag.color} />}>
              <span className="text-slate-500">{formatDate(tag.createdAt, locale)}</span>
              <span className="ml-auto">{tagActions(tag)}</span>
            </CardListItem>
          ))}
        </CardList>
      )}
      {items.length > 0 && <LoadMore {...tags} />}
      <TagDialog
        open={editing !== null}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
        tag={editing === "new" || editing === null ? undefined : editing}
      />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => {
          if (!open) setRemoving(null);
        }}
        title={t("tags.remove.title")}
        description={[t("tags.remove.description", { name: removing?.name ?? "" }), usageText]
          .join(" ")
          .trim()}
        confirmLabel={t("tags.remove.confirm")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (removing) remove.mutate({ id: removing.id });
        }}
      />
    </Card>
  );
}
