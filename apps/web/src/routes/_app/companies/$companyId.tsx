import { createFileRoute } from "@tanstack/react-router";
import { RecordError } from "../../../components/record-error";
import { CompanyPage } from "../../../features/companies/company-page";
import { useI18n } from "../../../i18n/i18n-provider";

export const Route = createFileRoute("/_app/companies/$companyId")({
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(context.trpc.companies.get.queryOptions({ id: params.companyId })),
  component: CompanyRoute,
  errorComponent: ({ error, reset }) => <CompanyError error={error} reset={reset} />,
});

function CompanyError({ error, reset }: { error: unknown; reset: () => void }) {
  const { t } = useI18n();
  return (
    <RecordError error={error} reset={reset} backTo="/companies" backLabel={t("companies.backToList")} />
  );
}

function CompanyRoute() {
  const { companyId } = Route.useParams();
  return <CompanyPage companyId={companyId} />;
}
