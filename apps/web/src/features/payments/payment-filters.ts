import type { RouterInputs, RouterOutputs } from "../../lib/api-types";

export type Payment = RouterOutputs["payments"]["get"];
export type PaymentStatus = Payment["status"];
export type PaymentProvider = Payment["provider"];

export const paymentStatuses: readonly PaymentStatus[] = ["pending", "paid", "failed", "refunded", "expired"];
export const paymentProviders: readonly PaymentProvider[] = ["stripe", "mercadopago"];

/** The payment list's filters as they live in the URL, so a filtered list can be shared and reloaded. */
export interface PaymentFilters {
  status?: PaymentStatus | undefined;
  provider?: PaymentProvider | undefined;
}

type ListInput = Omit<RouterInputs["payments"]["list"], "cursor" | "limit">;

const oneOf = <T extends string>(options: readonly T[], value: unknown): T | undefined =>
  options.find((option) => option === value);

export function parsePaymentFilters(search: Record<string, unknown>): PaymentFilters {
  return {
    status: oneOf(paymentStatuses, search.status),
    provider: oneOf(paymentProviders, search.provider),
  };
}

export const hasActiveFilters = (filters: PaymentFilters): boolean =>
  Object.values(filters).some((value) => value !== undefined);

export function toListFilters(filters: PaymentFilters): ListInput {
  const input: ListInput = {};
  if (filters.status) input.status = filters.status;
  if (filters.provider) input.provider = filters.provider;
  return input;
}
