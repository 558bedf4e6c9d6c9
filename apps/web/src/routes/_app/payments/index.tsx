import { createFileRoute } from "@tanstack/react-router";
import { CreditCard } from "lucide-react";
import { ComingSoon } from "../../../features/shell/coming-soon";

export const Route = createFileRoute("/_app/payments/")({
  component: PaymentsPage,
});

function PaymentsPage() {
  return <ComingSoon icon={CreditCard} title="nav.payments" description="comingSoon.payments" />;
}
