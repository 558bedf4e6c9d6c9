import { can } from "@crm/domain/shared/permissions";
import { createFileRoute } from "@tanstack/react-router";
import { useSession } from "../../../features/auth/use-session";
import { WebhooksCard, WebhooksManagersOnly } from "../../../features/outgoing-webhooks/webhooks-card";
import { useI18n } from "../../../i18n/i18n-provider";
import { useDocumentTitle } from "../../../lib/use-document-title";

export const Route = createFileRoute("/_app/settings/webhooks")({
  component: WebhooksSettingsPage,
});

function WebhooksSettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  useDocumentTitle(t("settings.tabs.webhooks"));
  if (!can(user.role, "webhooks:read")) return <WebhooksManagersOnly />;
  return <WebhooksCard />;
}
