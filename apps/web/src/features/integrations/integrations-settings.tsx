import { useQuery } from "@tanstack/react-query";
import { Plug } from "lucide-react";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { EmptyState } from "../../components/ui/empty-state";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { useI18n } from "../../i18n/i18n-provider";

import { useTRPC } from "../../lib/trpc";
import { CredentialsDialog } from "./credentials-dialog";
import { IntegrationCard } from "./integration-card";
import { IntegrationIcon } from "./integration-icon";
import {
  channelKinds,
  type IntegrationKind,
  isIntegrationKind,
  kindLabels,
  paymentKinds,
} from "./integration-kinds";
import type { Integration } from "./use-integrations";
import { WebhookLogDialog } from "./webhook-log-dialog";

export function IntegrationsSettings() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const integrations = useQuery(trpc.integrations.list.queryOptions({ limit: 100 }));
  const [editing, setEditing] = useState<{ kind: IntegrationKind; integration?: Integration } | null>(null);
  const [connected, setConnected] = useState<{
    message: ConnectedMessage;
    name: string;
    kind: IntegrationKind;
  } | null>(null);
  const [logsOf, setLogsOf] = useState<Integration | null>(null);
  const items = (integrations.data?.items ?? []).flatMap((integration) =>
    isIntegrationKind(integration.channel) ? [{ integration, kind: integration.channel }] : [],
  );

  return (
    <div className="space-y-8">
      <Card title={t("integrations.title")} description={t("integrations.description")}>
        {connected && (
          <Alert tone="success" className="mb-4">
            {t(connected.message, { name: connected.name, kind: kindLabels[connected.kind] })}
          </Alert>
        )}
        {integrations.isPending ? (
          <Loading />
        ) : integrations.isError ? (
          <QueryError error={integrations.error} onRetry={() => void integrations.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            icon={Plug}
            title={t("integrations.empty.title")}
            description={t("integrations.empty.description")}
          />
        ) : (
          <ul aria-label={t("integrations.title")} className="-mx-6 -my-5 divide-y divide-slate-200">
            {items.map(({ integration, kind }) => (
              <IntegrationCard
                key={integration.id}
                integration={integration}
                kind={kind}
                onEdit={() => setEditing({ kind, integration })}
                onShowLogs={() => setLogsOf(integration)}
              />
            ))}
          </ul>
        )}
      </Card>

      <Card title={t("integrations.add.title")} description={t("integrations.add.description")}>
        <div className="space-y-6">
          <KindGroup
            title={t("integrations.add.channels")}
            kinds={channelKinds}
            onPick={(kind) => setEditing({ kind })}
          />
          <KindGroup
            title={t("integrations.add.payments")}
            kinds={paymentKinds}
            onPick={(kind) => setEditing({ kind })}
          />
        </div>
      </Card>

      <CredentialsDialog
        target={editing}
        onClose={() => setEditing(null)}
        onConnected={(integration) => {
          if (!editing?.integration && isIntegrationKind(integration.channel)) {
            setConnected({
              message: connectedMessage(integration),
              name: integration.name,
              kind: integration.channel,
            });
          }
          setEditing(null);
        }}
      />
      <WebhookLogDialog integration={logsOf} onClose={() => setLogsOf(null)} />
    </div>
  );
}

type ConnectedMessage =
  | "integrations.form.connected"
  | "integrations.form.connectedTelegram"
  | "integrations.form.connectedTelegramFailed"
  | "integrations.form.connectedPayment";

/** What to do next: Telegram's webhook is registered by the server; a payment provider's secret comes later. */
function connectedMessage(integration: Integration): ConnectedMessage {
  if (integration.channel === "telegram") {
    return integration.lastTestError
      ? "integrations.form.connectedTelegramFailed"
      : "integrations.form.connectedTelegram";
  }
  if (!integration.webhookConfigured) return "integrations.form.connectedPayment";
  return "integrations.form.connected";
}

function KindGroup({
  title,
  kinds,
  onPick,
}: {
  title: string;
  kinds: readonly IntegrationKind[];
  onPick: (kind: IntegrationKind) => void;
}) {
  const { t } = useI18n();
  return (
    <section>
      <h3 className="text-sm font-medium text-slate-700">{title}</h3>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {kinds.map((kind) => (
          <li key={kind}>
            <Button
              variant="secondary"
              className="h-auto w-full justify-start py-3 text-left"
              onClick={() => onPick(kind)}
            >
              <IntegrationIcon kind={kind} size="sm" />
              <span className="whitespace-normal">
                {t("integrations.add.connect", { kind: kindLabels[kind] })}
              </span>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
