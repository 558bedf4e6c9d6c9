import { can } from "@crm/domain/shared/permissions";
import { createFileRoute } from "@tanstack/react-router";
import { Alert } from "../../../components/ui/alert";
import { useSession } from "../../../features/auth/use-session";
import { IntegrationsSettings } from "../../../features/integrations/integrations-settings";
import { useI18n } from "../../../i18n/i18n-provider";
import { useDocumentTitle } from "../../../lib/use-document-title";

export const Route = createFileRoute("/_app/settings/integrations")({
  component: IntegrationsSettingsPage,
});

function IntegrationsSettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  useDocumentTitle(t("settings.tabs.integrations"));
  // Credentials and webhook logs are the organization's keys: owners and admins only.
  if (!can(user.role, "integrations:write"))
    return <Alert tone="info">{t("integrations.managersOnly")}</Alert>;
  return <IntegrationsSettings />;
}
