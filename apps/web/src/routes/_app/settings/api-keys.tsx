import { can } from "@crm/domain/shared/permissions";
import { createFileRoute } from "@tanstack/react-router";
import { Alert } from "../../../components/ui/alert";
import { ApiKeysCard } from "../../../features/api-keys/api-keys-card";
import { useSession } from "../../../features/auth/use-session";
import { useI18n } from "../../../i18n/i18n-provider";
import { useDocumentTitle } from "../../../lib/use-document-title";

export const Route = createFileRoute("/_app/settings/api-keys")({
  component: ApiKeysSettingsPage,
});

function ApiKeysSettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  useDocumentTitle(t("settings.tabs.apiKeys"));
  if (!can(user.role, "apikeys:manage")) return <Alert tone="info">{t("apiKeys.managersOnly")}</Alert>;
  return <ApiKeysCard actorRole={user.role} />;
}
