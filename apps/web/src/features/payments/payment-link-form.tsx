import { can } from "@crm/domain/shared/permissions";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type ChangeEvent, useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button, buttonClasses } from "../../components/ui/button";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { SelectField } from "../../components/ui/select-field";
import { TextField } from "../../components/ui/text-field";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { isZeroDecimal, subtractDecimals } from "../../lib/decimal";
import { providerFailureOf } from "../../lib/errors";
import { formatMoney, parseAmountInput } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { amountIn, type Rule, required } from "../../lib/validation";
import { useSession } from "../auth/use-session";
import type { Deal } from "../deals/use-deal-cache";
import { currencyOptions } from "../settings/organization-options";
import { DealPicker } from "./deal-picker";
import { dealValueShortfall } from "./deal-value-shortfall";
import { type Payment, type PaymentProvider, paymentProviders } from "./payment-filters";
import { providerLabels } from "./payment-labels";
import {
  amountToCharge,
  type ClearedAmount,
  currencyChoices,
  type DealBalance,
  linkMessageText,
  type PaymentLinkValues,
  type PendingLinks,
  type ProviderChoice,
  paymentLinkDefaults,
  paymentLinkRefusal,
  providerChoices,
  readyProviders,
  toCreatePaymentInput,
  withCurrency,
  withProvider,
} from "./payment-link-input";
import { PaymentLinkMessageField } from "./payment-link-message-field";
import { ProviderFailureAlert } from "./provider-failure-alert";
import { useDealBalance } from "./use-deal-balance";
import { useDealPendingLinks } from "./use-deal-pending-links";
import { usePaymentChanged } from "./use-payment-changed";

interface PaymentLinkFormProps {
  /** The deal to charge; without one the form offers the open deals to pick from. */
  dealId?: string | undefined;
  /** Also send the new link into this conversation. */
  sendToConversationId?: string | undefined;
  submitLabel: string;
  onCreated: (payment: Payment) => void;
  onCancel: () => void;
}

export function PaymentLinkForm(props: PaymentLinkFormProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const fixed = useQuery({
    ...trpc.deals.get.queryOptions({ id: props.dealId ?? "" }),
    enabled: props.dealId !== undefined,
  });
  const [picked, setPicked] = useState<Deal | null>(null);

  if (props.dealId !== undefined) {
    return fixed.data ? <LinkFields key={fixed.data.id} deal={fixed.data} {...props} /> : <Loading />;
  }
  return (
    <div className="space-y-5">
      <DealPicker label={t("payments.create.deal")} value={picked} onChange={setPicked} />
      {picked && <LinkFields key={picked.id} deal={picked} {...props} />}
    </div>
  );
}

function LinkFields(props: PaymentLinkFormProps & { deal: Deal }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { user } = useSession();
  const connected = useQuery(trpc.payments.providers.queryOptions());
  const paid = useDealBalance(props.deal);
  const pending = useDealPendingLinks(props.deal);
  if (props.deal.status === "lost") return <Alert tone="info">{t("payments.create.dealLost")}</Alert>;
  if (connected.isPending) return <Loading />;
  if (connected.isLoadingError)
    return <QueryError error={connected.error} onRetry={() => void connected.refetch()} />;
  const providers = providerChoices(connected.data.items);
  if (providers.length === 0) {
    const mayConnect = can(user.role, "integrations:write");
    return (
      <div className="space-y-4">
        <Alert tone="info">
          {t("payments.create.noProvider")} {!mayConnect && t("payments.create.noProviderAsk")}
        </Alert>
        {mayConnect && (
          <Link to="/settings/integrations" className={buttonClasses("primary")}>
            {t("payments.create.connectProvider")}
          </Link>
        )}
      </div>
    );
  }
  const mayConnect = can(user.role, "integrations:write");
  if (readyProviders(connected.data.items).length === 0) {
    return (
      <div className="space-y-4">
        <NotReady providers={providers} mayConnect={mayConnect} />
        {mayConnect && (
          <Link to="/settings/integrations" className={buttonClasses("primary")}>
            {t("payments.create.openIntegrations")}
          </Link>
        )}
      </div>
    );
  }
  // what was paid already (a deposit) decides what the link charges: wait for it rather than offer the full value
  if (paid.query.isPending) return <Loading />;
  if (paid.query.isLoadingError)
    return <QueryError error={paid.query.error} onRetry={() => void paid.query.refetch()} />;
  if (pending.query.isPending) return <Loading />;
  if (pending.query.isLoadingError)
    return <QueryError error={pending.query.error} onRetry={() => void pending.query.refetch()} />;
  return (
    <>
      <RefreshFailedNotice query={connected} />
      <RefreshFailedNotice query={paid.query} />
      <RefreshFailedNotice query={pending.query} />
      <LinkForm
        {...props}
        connected={connected.data.items}
        mayConnect={mayConnect}
        balance={paid.balance}
        pending={pending.pending}
      />
    </>
  );
}

/** Why a connected provider is not offered: its webhook secret is missing, and where to paste it. */
function NotReady({ providers, mayConnect }: { providers: readonly PaymentProvider[]; mayConnect: boolean }) {
  const { t } = useI18n();
  return (
    <Alert tone="info">
      {providers.map((provider) => (
        <span key={provider} className="block">
          {t("payments.create.notReady", { provider: providerLabels[provider] })}
        </span>
      ))}
      {!mayConnect && <span className="block">{t("payments.create.notReadyAsk")}</span>}
    </Alert>
  );
}

const providerOf = (value: string) => paymentProviders.find((provider) => provider === value);

function LinkForm({
  deal,
  connected,
  mayConnect,
  balance,
  pending,
  sendToConversationId,
  submitLabel,
  onCreated,
  onCancel,
}: PaymentLinkFormProps & {
  deal: Deal;
  connected: readonly ProviderChoice[];
  mayConnect: boolean;
  /** What the deal's paid links brought in (a deposit): the link charges the rest. */
  balance: DealBalance | null;
  /** Links sent and not paid yet: the link charges what they leave. */
  pending: PendingLinks | null;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const { organization } = useSession();
  const paymentChanged = usePaymentChanged();
  const [writtenMessage, setWrittenMessage] = useState<string | null>(null);
  const [messageBlank, setMessageBlank] = useState(false);
  const create = useMutation(
    trpc.payments.create.mutationOptions({
      onSuccess: async (payment) => {
        onCreated(payment);
        await paymentChanged(payment);
      },
    }),
  );
  const amount: Rule = (value, values) => {
    const problem = amountIn(locale, "currency")(value, values);
    if (problem) return problem;
    const parsed = parseAmountInput(value, locale, values?.currency);
    return parsed !== null && isZeroDecimal(parsed) ? "payments.create.zero" : null;
  };
  // after a deposit the link charges what is left, so the customer is not charged the full value again
  const [charge] = useState(() => amountToCharge(deal.value, balance, pending));
  const [initial] = useState(() => paymentLinkDefaults(charge, locale, connected));
  const form = useForm({
    initial: { ...initial },
    rules: { amount: [required, amount], currency: [required], provider: [required] },
    error: create.error,
    ...paymentLinkRefusal(create.error),
  });
  const providerFailure = providerFailureOf(create.error);
  // Opened (or switched) to a currency other than the deal's: the amount is empty, and the form says why.
  const [cleared, setCleared] = useState<ClearedAmount | null>(
    initial.currency === deal.value.currency ? null : { from: deal.value.currency, to: initial.currency },
  );
  const changeCurrency = (next: { values: PaymentLinkValues; cleared: ClearedAmount | null }) => {
    form.setValues(next.values);
    if (next.values.currency !== form.values.currency) setCleared(next.cleared);
  };

  const providers = providerChoices(connected);
  const ready = readyProviders(connected);
  const notReady = providers.filter((provider) => !ready.includes(provider));
  const currencies = currencyChoices(connected, form.values.provider);
  const chosen = providerOf(form.values.provider);
  // a Mercado Pago account charges in its own currency only: say so, as the list is that short on purpose
  const currencyHint =
    chosen === "mercadopago"
      ? t("payments.create.currencyHint", {
          provider: providerLabels[chosen],
          currencies: currencies.join(", "),
        })
      : undefined;
  // a deposit ("sinal") is fine, but paid alone it does not win the deal: say so before the link is sent
  const shortfall = dealValueShortfall(form.values, charge, locale);
  const remaining = balance && formatMoney(balance.remaining, locale);
  const typed = parseAmountInput(form.values.amount, locale, form.values.currency);
  // the customer's message follows the amount until the agent writes their own
  const messageText = linkMessageText(
    writtenMessage,
    typed === null ? null : { amount: typed, currency: form.values.currency },
    organization.locale,
  );
  const overcharges =
    balance !== null &&
    !isZeroDecimal(balance.remaining.amount) &&
    form.values.currency === balance.remaining.currency &&
    typed !== null &&
    subtractDecimals(balance.remaining.amount, typed).startsWith("-");
  const shortfallHint =
    shortfall === "partial"
      ? remaining
        ? t("payments.create.belowRemaining", { remaining })
        : t("payments.create.belowDealValue", { value: formatMoney(deal.value, locale) })
      : overcharges && remaining
        ? t("payments.create.aboveRemaining", { remaining })
        : shortfall === "otherCurrency"
          ? t("payments.create.otherCurrencyThanDeal", { currency: deal.value.currency })
          : undefined;
  const providerField = {
    ...form.field("provider"),
    onChange: (event: ChangeEvent<HTMLSelectElement>) => {
      form.field("provider").onChange(event);
      changeCurrency(withProvider(form.values, event.target.value, connected, charge, locale));
    },
  };
  const currencyField = {
    ...form.field("currency"),
    onChange: (event: ChangeEvent<HTMLSelectElement>) => {
      form.field("currency").onChange(event);
      changeCurrency(withCurrency(form.values, event.target.value, charge, locale));
    },
  };
  const amountField = {
    ...form.field("amount"),
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      form.field("amount").onChange(event);
      setCleared(null);
    },
  };

  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => {
        if (sendToConversationId && messageText.trim() === "") {
          setMessageBlank(true);
          return;
        }
        const input = toCreatePaymentInput(deal.id, values, locale, sendToConversationId, messageText);
        if (input) create.mutate(input);
      })}
    >
      {providerFailure ? (
        <ProviderFailureAlert {...providerFailure} />
      ) : (
        form.formError && <Alert tone="error">{form.formError}</Alert>
      )}
      <p className="text-sm text-slate-600">
        {t("payments.create.dealValue", { title: deal.title, value: formatMoney(deal.value, locale) })}
        {balance && (
          <>
            {" "}
            {t("payments.create.alreadyPaid", {
              paid: formatMoney(balance.paid, locale),
              value: formatMoney(deal.value, locale),
            })}
          </>
        )}
      </p>
      {balance && isZeroDecimal(balance.remaining.amount) && (
        <Alert tone="info">{t("payments.create.paidInFull")}</Alert>
      )}
      {pending && (
        <Alert tone="info">
          {t("payments.create.pendingLink", {
            count: pending.count,
            total: formatMoney(pending.total, locale),
          })}
        </Alert>
      )}
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField
          label={t("payments.create.amount")}
          inputMode="decimal"
          autoComplete="off"
          hint={cleared ? t("payments.create.amountCleared", cleared) : shortfallHint}
          {...amountField}
        />
        <SelectField
          label={t("payments.create.currency")}
          hint={currencyHint}
          options={currencyOptions(locale, form.values.currency).filter((option) =>
            currencies.includes(option.value),
          )}
          {...currencyField}
        />
      </div>
      <SelectField
        label={t("payments.create.provider")}
        options={[
          ...(ready.length > 1 ? [{ value: "", label: t("payments.create.providerChoose") }] : []),
          ...providers.map((provider) =>
            ready.includes(provider)
              ? { value: provider, label: providerLabels[provider] }
              : {
                  value: provider,
                  label: t("payments.create.providerNotReady", { provider: providerLabels[provider] }),
                  disabled: true,
                },
          ),
        ]}
        {...providerField}
      />
      {notReady.length > 0 && (
        <div className="space-y-2">
          <NotReady providers={notReady} mayConnect={mayConnect} />
          {mayConnect && (
            <Link to="/settings/integrations" className={cx(textLinkClasses, "text-sm")}>
              {t("payments.create.openIntegrations")}
            </Link>
          )}
        </div>
      )}
      {sendToConversationId && (
        <PaymentLinkMessageField
          text={messageText}
          link={null}
          error={messageBlank ? t("errors.field.required") : undefined}
          onChange={(text) => {
            setWrittenMessage(text);
            setMessageBlank(false);
          }}
        />
      )}
      <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
        <Button variant="secondary" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={create.isPending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
