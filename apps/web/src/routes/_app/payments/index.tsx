import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { type PaymentFilters, parsePaymentFilters } from "../../../features/payments/payment-filters";
import { PaymentsPage } from "../../../features/payments/payments-page";

export const Route = createFileRoute("/_app/payments/")({
  validateSearch: (search: Record<string, unknown>): PaymentFilters => parsePaymentFilters(search),
  component: PaymentsRoute,
});

function PaymentsRoute() {
  const filters = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  return (
    <PaymentsPage
      filters={filters}
      onFiltersChange={(next) => void navigate({ search: parsePaymentFilters({ ...next }), replace: true })}
    />
  );
}
