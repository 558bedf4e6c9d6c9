import { createFileRoute } from "@tanstack/react-router";
import { RecordError } from "../../../components/record-error";
import { DealPage } from "../../../features/deals/deal-page";
import { useI18n } from "../../../i18n/i18n-provider";

export const Route = createFileRoute("/_app/deals/$dealId")({
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(context.trpc.deals.get.queryOptions({ id: params.dealId })),
  component: DealRoute,
  errorComponent: ({ error, reset }) => <DealError error={error} reset={reset} />,
});

function DealRoute() {
  const { dealId } = Route.useParams();
  return <DealPage dealId={dealId} />;
}

function DealError({ error, reset }: { error: unknown; reset: () => void }) {
  const { t } = useI18n();
  return <RecordError error={error} reset={reset} backTo="/deals" backLabel={t("deals.backToBoard")} />;
}
