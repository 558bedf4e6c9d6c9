import { createFileRoute } from "@tanstack/react-router";
import { OrganizationForm } from "../../../features/settings/organization-form";
import { useI18n } from "../../../i18n/i18n-provider";
import { useDocumentTitle } from "../../../lib/use-document-title";

export const Route = createFileRoute("/_app/settings/organization")({
  loader: ({ context }) =>
    context.queryClient.ensureQueryData(context.trpc.organizations.current.queryOptions()),
  component: OrganizationSettingsPage,
});

function OrganizationSettingsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("settings.tabs.organization"));
  return <OrganizationForm />;
}
