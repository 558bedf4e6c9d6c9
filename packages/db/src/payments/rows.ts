import { type Payment, type PaymentIntegration, parseMoney } from "@crm/domain";
import { type Selectable, sql } from "kysely";
import type { Integrations, Payments } from "../database.gen";
import { toSealedSecret } from "../integrations/rows";

export const paymentColumns = [
  "id",
  "organization_id",
  "deal_id",
  "integration_id",
  "provider",
  "amount",
  "refunded_amount",
  "currency",
  "status",
  "description",
  "provider_payment_id",
  "provider_reference",
  "payment_link",
  "created_by",
  "expires_at",
  "paid_at",
  "created_at",
  "updated_at",
] as const;

/** Every read of a payment: its columns, and what its refunds in flight hold (idx_payment_refund_reservations_payment). */
export const paymentSelection = [
  ...paymentColumns,
  sql<string>`(select coalesce(sum(r.amount), 0) from payment_refund_reservations r where r.payment_id = payments.id)`.as(
    "refunds_in_flight",
  ),
] as const;

type PaymentRow = Pick<Selectable<Payments>, (typeof paymentColumns)[number]> & { refunds_in_flight: string };

/** DECIMAL(15,2) prints every currency with two decimals ("500.00" JPY). */
export const storedMoney = (amount: string, currency: string) =>
  parseMoney(amount, currency, "amount", { allowZeroPadding: true });

export const toPayment = (row: PaymentRow): Payment => ({
  id: row.id,
  organizationId: row.organization_id,
  dealId: row.deal_id,
  integrationId: row.integration_id,
  provider: row.provider,
  amount: storedMoney(row.amount, row.currency),
  refundedAmount: storedMoney(row.refunded_amount, row.currency),
  refundsInFlight: storedMoney(row.refunds_in_flight, row.currency),
  status: row.status,
  description: row.description,
  providerPaymentId: row.provider_payment_id,
  providerReference: row.provider_reference,
  paymentLink: row.payment_link,
  createdBy: row.created_by,
  expiresAt: row.expires_at,
  paidAt: row.paid_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const paymentIntegrationColumns = [
  "id",
  "organization_id",
  "channel",
  "name",
  "is_active",
  "config",
  "created_at",
] as const;

type PaymentIntegrationRow = Pick<Selectable<Integrations>, (typeof paymentIntegrationColumns)[number]>;

export const toPaymentIntegration = (row: PaymentIntegrationRow): PaymentIntegration => ({
  id: row.id,
  organizationId: row.organization_id,
  // the repository selects payment providers only
  provider: row.channel as PaymentIntegration["provider"],
  name: row.name,
  isActive: row.is_active,
  sealedConfig: toSealedSecret(row.config),
  createdAt: row.created_at,
});
