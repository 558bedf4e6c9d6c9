import { canGrantRole, type Role } from "@crm/domain/shared/permissions";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { useState } from "react";
import { Badge } from "../../components/ui/badge";
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
import { useI18n } from "../../i18n/i18n-provider";
import { formatDate, formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { roleLabels, roleTones } from "../team/roles";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

interface KeyRef {
  id: string;
  name: string;
}

export function ApiKeysCard({ actorRole }: { actorRole: Role }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<KeyRef | null>(null);
  const keys = useInfiniteQuery(
    trpc.apiKeys.list.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: async () => {
        setRevoking(null);
        await queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.pathKey() });
      },
    }),
  );
  const items = keys.data?.pages.flatMap((page) => page.items) ?? [];
  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" className="size-4" />
      {t("apiKeys.create.open")}
    </Button>
  );

  const wide = useWideEnoughForTable();
  /** Revoke, or the badge of a revoked key, in the table's last column or at the end of the card. */
  const keyAction = (key: (typeof items)[number]) =>
    key.revokedAt ? (
      <Badge tone="danger">{t("apiKeys.revoked")}</Badge>
    ) : (
      // revoking takes the right to grant the key's role: admins cannot revoke owner keys
      canGrantRole(actorRole, key.role) && (
        <Button
          variant="secondary"
          size="sm"
          aria-label={t("apiKeys.revokeLabel", { name: key.name })}
          onClick={() => {
            revoke.reset();
            setRevoking(key);
          }}
        >
          {t("apiKeys.revoke")}
        </Button>
      )
    );

  return (
    <Card
      title={t("apiKeys.title")}
      description={t("apiKeys.description")}
      actions={items.length > 0 && createButton}
    >
      <RefreshFailedNotice query={keys} />
      {keys.isPending ? (
        <Loading />
      ) : keys.isLoadingError ? (
        <QueryError error={keys.error} onRetry={() => void keys.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title={t("apiKeys.empty.title")}
          description={t("apiKeys.empty.description")}
        >
          {createButton}
        </EmptyState>
      ) : (
        <>
          {wide ? (
            <Table
              caption={t("apiKeys.title")}
              head={
                <>
                  <Th>{t("apiKeys.name")}</Th>
                  <Th>{t("team.role")}</Th>
                  <Th>{t("apiKeys.createdAt")}</Th>
                  <Th>{t("apiKeys.lastUsed")}</Th>
                  <Th>
                    <span className="sr-only">{t("common.actions")}</span>
                  </Th>
                </>
              }
            >
              {items.map((key) => (
                <tr key={key.id} className={key.revokedAt ? "text-slate-400" : undefined}>
                  <Td>
                    <div className="font-medium text-slate-900">{key.name}</div>
                    <code className="font-mono text-xs text-slate-500">{key.prefix}…</code>
                  </Td>
                  <Td>
                    <Badge tone={roleTones[key.role]}>{t(roleLabels[key.role])}</Badge>
                  </Td>
                  <Td className="whitespace-nowrap text-slate-600">{formatDate(key.createdAt, locale)}</Td>
                  <Td className="whitespace-nowrap text-slate-600">
                    {key.lastUsedAt ? formatDateTime(key.lastUsedAt, locale) : t("team.never")}
                  </Td>
                  <Td className="text-right">{keyAction(key)}</Td>
                </tr>
              ))}
            </Table>
          ) : (
            <CardList label={t("apiKeys.title")}>
              {items.map((key) => (
                <CardListItem
                  key={key.id}
                  className={key.revokedAt ? "text-slate-400" : undefined}
                  title={
                    <>
                      <div className="font-medium text-slate-900">{key.name}</div>
                      <code className="font-mono text-xs text-slate-500">{key.prefix}…</code>
                    </>
                  }
                >
                  <Badge tone={roleTones[key.role]}>{t(roleLabels[key.role])}</Badge>
                  <span className="text-slate-600">
                    {t("apiKeys.createdAt")}: {formatDate(key.createdAt, locale)}
                  </span>
                  <span className="text-slate-600">
                    {t("apiKeys.lastUsed")}:{" "}
                    {key.lastUsedAt ? formatDateTime(key.lastUsedAt, locale) : t("team.never")}
                  </span>
                  <span className="ml-auto">{keyAction(key)}</span>
                </CardListItem>
              ))}
            </CardList>
          )}
          <LoadMore {...keys} />
        </>
      )}
      <CreateApiKeyDialog open={creating} onOpenChange={setCreating} actorRole={actorRole} />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => {
          if (!open) setRevoking(null);
        }}
        title={t("apiKeys.revokeTitle")}
        description={t("apiKeys.revokeDescription", { name: revoking?.name ?? "" })}
        confirmLabel={t("apiKeys.revoke")}
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => {
          if (revoking) revoke.mutate({ id: revoking.id });
        }}
      />
    </Card>
  );
}
