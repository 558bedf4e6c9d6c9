import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FlaskConical, ScrollText } from "lucide-react";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { ConfirmDialog } from "../../components/ui/confirm-dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import type { RouterOutputs } from "../../lib/api-types";
import { formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { IntegrationIcon } from "./integration-icon";
import { type IntegrationKind, isPaymentKind, kindLabels } from "./integration-kinds";
import { integrationStatus, testSuccessText } from "./integration-status";
import { providerErrorReason } from "./provider-error";
import { type Integration, useIntegrationsChanged } from "./use-integrations";
import { WebhookUrl } from "./webhook-url";

type TestResult = RouterOutputs["integrations"]["test"];

interface IntegrationCardProps {
  integration: Integration;
  kind: IntegrationKind;
  onEdit: () => void;
  onShowLogs: () => void;
}

export function IntegrationCard({ integration, kind, onEdit, onShowLogs }: IntegrationCardProps) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const changed = useIntegrationsChanged();
  const [result, setResult] = useState<TestResult | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [disabling, setDisabling] = useState(false);
  /** How many deliveries kept while it was disabled enabling it queued. */
  const [released, setReleased] = useState(0);
  const test = useMutation(
    trpc.integrations.test.mutationOptions({
      onSuccess: async (answer) => {
        setResult(answer);
        await changed();
      },
    }),
  );
  const toggle = useMutation(
    trpc.integrations.update.mutationOptions({
      onSuccess: async (answer) => {
        setDisabling(false);
        setReleased(answer.isActive ? answer.releasedDeliveries : 0);
        await changed();
      },
    }),
  );
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.integrations.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(false);
        await changed();
      },
      // links the provider did expire are no longer pending: the count says what is left
      onError: () =>
        queryClient.invalidateQueries({
          queryKey: trpc.integrations.deletion.queryKey({ id: integration.id }),
        }),
    }),
  );
  const status = integrationStatus(integration);
  const payment = isPaymentKind(kind);
  // a payment integration's pending links are expired on deletion: the confirmation says how many
  const deletion = useQuery({
    ...trpc.integrations.deletion.queryOptions({ id: integration.id }),
    enabled: deleting && payment,
    staleTime: 0,
  });
  const disableDescription = payment
    ? t("integrations.disable.payment")
    : kind === "discord"
      ? t("integrations.disable.discord")
      : t("integrations.disable.channel");
  // a test of credentials since replaced (the server cleared its outcome) is not shown any more
  const shown = result && result.integration.lastTestedAt === integration.lastTestedAt ? result : null;
  // Telegram is registered by the test itself: while the last one failed, nothing is registered yet
  const telegramFailed = shown ? !shown.ok : Boolean(integration.lastTestError);
  const deleteDescription = !payment
    ? t("integrations.delete.description")
    : deletion.data
      ? t("integrations.delete.paymentLinks", { count: deletion.data.pendingPaymentLinks })
      : t("integrations.delete.checkingLinks");

  return (
    <li className="space-y-4 px-6 py-5">
      <div className="flex flex-wrap items-start gap-4">
        <IntegrationIcon kind={kind} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="truncate text-sm font-semibold text-slate-900">{integration.name}</h3>
            <Badge tone={status.tone}>{t(status.label)}</Badge>
          </div>
          <p className="mt-0.5 text-sm text-slate-500">
            {kindLabels[kind]} ·{" "}
            {t(isPaymentKind(kind) ? "integrations.kind.payment" : "integrations.kind.channel")} ·{" "}
            {integration.lastTestedAt
              ? t("integrations.status.testedAt", { date: formatDateTime(integration.lastTestedAt, locale) })
              : t("integrations.status.notTested")}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            size="sm"
            loading={test.isPending}
            onClick={() => {
              setResult(null);
              test.mutate({ id: integration.id });
            }}
          >
            <FlaskConical aria-hidden="true" className="size-4" />
            {t("integrations.actions.test")}
          </Button>
          <Button variant="secondary" size="sm" onClick={onShowLogs}>
            <ScrollText aria-hidden="true" className="size-4" />
            {t("integrations.actions.logs")}
          </Button>
          <Button variant="ghost" size="sm" onClick={onEdit}>
            {t("integrations.actions.edit")}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            loading={toggle.isPending}
            onClick={() => {
              toggle.reset();
              if (integration.isActive) setDisabling(true);
              else toggle.mutate({ id: integration.id, isActive: true });
            }}
          >
            {integration.isActive ? t("integrations.actions.disable") : t("integrations.actions.enable")}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="text-red-700 hover:bg-red-50 hover:text-red-800"
            onClick={() => {
              remove.reset();
              setDeleting(true);
            }}
          >
            {t("integrations.actions.delete")}
          </Button>
        </div>
      </div>

      {shown?.ok && <Alert tone="success">{testSuccessText(t, shown)}</Alert>}
      {shown &&
        !shown.ok &&
        (shown.error && !credentialsRefusal(shown.error) ? (
          // not about the credentials (Telegram wants HTTPS): said in the user's language first
          <ProviderFailure error={shown.error} lead={t("integrations.test.failedLead")} />
        ) : (
          <Alert tone="error">{t("integrations.test.failed", { error: shown.error ?? "" })}</Alert>
        ))}
      {!integration.webhookConfigured && (
        <Alert tone="error">
          {t("integrations.webhookPending", { kind: kindLabels[kind], field: t(pendingSecretField(kind)) })}
        </Alert>
      )}
      {!shown && integration.lastTestError && (
        <ProviderFailure error={integration.lastTestError} lead={t("integrations.lastFailed")} />
      )}
      {integration.isActive && released > 0 && (
        <Alert tone="success">{t("integrations.enabled.released", { count: released })}</Alert>
      )}
      <ErrorAlert error={test.error ?? (disabling ? null : toggle.error)} />

      <div className="max-w-2xl">
        <WebhookUrl
          url={integration.webhookUrl}
          name={integration.name}
          {...(kind === "telegram" && {
            hint: t(
              telegramFailed
                ? "integrations.webhookUrlHint.telegramFailed"
                : "integrations.webhookUrlHint.telegram",
            ),
          })}
        />
      </div>

      <ConfirmDialog
        open={disabling}
        onOpenChange={setDisabling}
        title={t("integrations.disable.title", { name: integration.name })}
        description={disableDescription}
        confirmLabel={t("integrations.disable.confirm")}
        onConfirm={() => toggle.mutate({ id: integration.id, isActive: false })}
        pending={toggle.isPending}
        error={toggle.error}
      />

      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={t("integrations.delete.title", { name: integration.name })}
        description={deleteDescription}
        confirmLabel={t("integrations.delete.confirm")}
        onConfirm={() => remove.mutate({ id: integration.id })}
        pending={remove.isPending || (payment && deletion.isPending)}
        error={remove.error ?? deletion.error}
        errorOverrides={{
          PROVIDER_ERROR: "integrations.delete.linksNotExpired",
          CONFLICT: "integrations.delete.paymentsAwaiting",
        }}
      />
    </li>
  );
}

/** The label of the field still missing while the webhook is not configured (a payment provider's secret). */
const pendingSecretField = (kind: IntegrationKind): PlainMessageKey =>
  `integrations.field.${kind}.webhookSecret` as PlainMessageKey;

/** A test refused for its credentials, or for a reason the app cannot tell: said as a refusal of the credentials. */
const credentialsRefusal = (error: string): boolean =>
  ["integrations.providerError.credentials", "integrations.providerError.unknown"].includes(
    providerErrorReason(error),
  );

/**
 * A provider's refusal: what it means in the user's language, then the provider's own words (often English, and
 * what support asks for) marked as a technical detail rather than passed off as the app's sentence.
 */
function ProviderFailure({ error, lead }: { error: string; lead: string }) {
  const { t } = useI18n();
  return (
    <Alert tone="error">
      <span className="block break-words">{`${lead} ${t(providerErrorReason(error))}`}</span>
      <span className="mt-1 block text-xs break-words opacity-80">
        <span className="font-medium">{t("integrations.providerDetail")}</span>{" "}
        <code className="break-all">{error}</code>
      </span>
    </Alert>
  );
}
