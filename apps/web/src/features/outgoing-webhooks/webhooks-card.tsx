import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, Webhook } from "lucide-react";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { CardList, CardListItem } from "../../components/ui/card-list";
import { ConfirmDialog } from "../../components/ui/confirm-dialog";
import { Dialog } from "../../components/ui/dialog";
import { EmptyState } from "../../components/ui/empty-state";
import { ErrorAlert } from "../../components/ui/error-alert";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { DeliveriesDialog } from "./deliveries-dialog";
import { SecretReveal } from "./secret-reveal";
import { type EditedWebhook, WebhookDialog } from "./webhook-dialog";

interface WebhookRef {
  id: string;
  url: string;
}

export function WebhooksCard() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<EditedWebhook | null>(null);
  const [deleting, setDeleting] = useState<WebhookRef | null>(null);
  const [rotating, setRotating] = useState<WebhookRef | null>(null);
  const [showingDeliveries, setShowingDeliveries] = useState<WebhookRef | null>(null);
  const [testedId, setTestedId] = useState<string | null>(null);
  const webhooks = useInfiniteQuery(
    trpc.webhooks.list.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.pathKey() });
  const update = useMutation(trpc.webhooks.update.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.webhooks.remove.mutationOptions({
      onSuccess: async () => {
        setDeleting(null);
        await refresh();
      },
    }),
  );
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions({ onSuccess: refresh }));
  const test = useMutation(
    trpc.webhooks.test.mutationOptions({
      onSuccess: (_delivery, input) => {
        setTestedId(input.id);
        void queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() });
      },
    }),
  );
  const items = webhooks.data?.pages.flatMap((page) => page.items) ?? [];
  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" className="size-4" />
      {t("webhooks.create.open")}
    </Button>
  );

  return (
    <Card
      title={t("webhooks.title")}
      description={t("webhooks.description")}
      actions={items.length > 0 && createButton}
    >
      <RefreshFailedNotice query={webhooks} />
      <ErrorAlert error={update.error ?? test.error} className="mb-4" />
      {webhooks.isPending ? (
        <Loading />
      ) : webhooks.isLoadingError ? (
        <QueryError error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={Webhook}
          title={t("webhooks.empty.title")}
          description={t("webhooks.empty.description")}
        >
          {createButton}
        </EmptyState>
      ) : (
        <>
          <CardList label={t("webhooks.title")}>
            {items.map((webhook) => (
              <CardListItem
                key={webhook.id}
                title={
                  <>
                    <div className="font-medium break-all text-slate-900">{webhook.url}</div>
                    {webhook.description && (
                      <div className="text-sm text-slate-600">{webhook.description}</div>
                    )}
                  </>
                }
              >
                <Badge tone={webhook.isActive ? "success" : "neutral"}>
                  {t(webhook.isActive ? "webhooks.active" : "webhooks.inactive")}
                </Badge>
                <span className="text-slate-600">
                  {webhook.events.includes("*")
                    ? t("webhooks.allEventsShort")
                    : t("webhooks.eventCount", { count: webhook.events.length })}
                </span>
                <code className="font-mono text-xs text-slate-500">
                  {t("webhooks.secretHint", { hint: webhook.secretHint })}
                </code>
                {webhook.disabledReason && (
                  <span className="text-sm text-red-700">{webhook.disabledReason}</span>
                )}
                {testedId === webhook.id && (
                  <span role="status" className="text-sm text-emerald-700">
                    {t("webhooks.testSent")}
                  </span>
                )}
                <span className="ml-auto flex flex-wrap gap-2">
                  <Button
                    variant="secondary"
                    size="sm"
                    loading={test.isPending && test.variables?.id === webhook.id}
                    onClick={() => test.mutate({ id: webhook.id })}
                  >
                    {t("webhooks.sendTest")}
                  </Button>
                  <Button variant="secondary" size="sm" onClick={() => setShowingDeliveries(webhook)}>
                    {t("webhooks.deliveries")}
                  </Button>
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={t(webhook.isActive ? "webhooks.switchOffLabel" : "webhooks.switchOnLabel", {
                      url: webhook.url,
                    })}
                    loading={update.isPending && update.variables?.id === webhook.id}
                    onClick={() => update.mutate({ id: webhook.id, isActive: !webhook.isActive })}
                  >
                    {t(webhook.isActive ? "webhooks.switchOff" : "webhooks.switchOn")}
                  </Button>
                  <Button variant="secondary" size="sm" onClick={() => setEditing(webhook)}>
                    {t("webhooks.edit")}
                  </Button>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => {
                      rotate.reset();
                      setRotating(webhook);
                    }}
                  >
                    {t("webhooks.rotate")}
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      remove.reset();
                      setDeleting(webhook);
                    }}
                  >
                    {t("webhooks.delete")}
                  </Button>
                </span>
              </CardListItem>
            ))}
          </CardList>
          <LoadMore {...webhooks} />
        </>
      )}
      {creating && <WebhookDialog open onOpenChange={setCreating} />}
      {editing && (
        <WebhookDialog
          key={editing.id}
          open
          webhook={editing}
          onOpenChange={(open) => {
            if (!open) setEditing(null);
          }}
        />
      )}
      <DeliveriesDialog webhook={showingDeliveries} onClose={() => setShowingDeliveries(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => {
          if (!open) setDeleting(null);
        }}
        title={t("webhooks.deleteTitle")}
        description={t("webhooks.deleteDescription", { url: deleting?.url ?? "" })}
        confirmLabel={t("webhooks.delete")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (deleting) remove.mutate({ id: deleting.id });
        }}
      />
      {rotate.data ? (
        <Dialog
          open={rotating !== null}
          onOpenChange={(open) => {
            if (!open) setRotating(null);
          }}
          title={t("webhooks.rotated.title")}
        >
          <SecretReveal secret={rotate.data.secret} warning={t("webhooks.created.warning")} />
          <div className="mt-6 flex justify-end">
            <Button onClick={() => setRotating(null)}>{t("common.done")}</Button>
          </div>
        </Dialog>
      ) : (
        <ConfirmDialog
          open={rotating !== null}
          onOpenChange={(open) => {
            if (!open) setRotating(null);
          }}
          title={t("webhooks.rotateTitle")}
          description={t("webhooks.rotateDescription", { url: rotating?.url ?? "" })}
          confirmLabel={t("webhooks.rotate")}
          pending={rotate.isPending}
          error={rotate.error}
          onConfirm={() => {
            if (rotating) rotate.mutate({ id: rotating.id });
          }}
        />
      )}
    </Card>
  );
}

export function WebhooksManagersOnly() {
  const { t } = useI18n();
  return <Alert tone="info">{t("webhooks.managersOnly")}</Alert>;
}
