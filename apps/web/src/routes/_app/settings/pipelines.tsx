import { can } from "@crm/domain/shared/permissions";
import { createFileRoute } from "@tanstack/react-router";
import { Alert } from "../../../components/ui/alert";
import { useSession } from "../../../features/auth/use-session";
import { LostReasonsSettings } from "../../../features/deals/lost-reasons-settings";
import { PipelinesSettings } from "../../../features/deals/pipelines-settings";
import { useI18n } from "../../../i18n/i18n-provider";
import { useDocumentTitle } from "../../../lib/use-document-title";

export const Route = createFileRoute("/_app/settings/pipelines")({
  component: PipelinesSettingsPage,
});

function PipelinesSettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  useDocumentTitle(t("settings.tabs.pipelines"));
  // Pipelines and stages shape every deal's board: owners and admins manage them; agents move deals through them.
  const canEdit = can(user.role, "organizations:write");
  return (
    <div className="space-y-6">
      {!canEdit && <Alert tone="info">{t("pipelines.readOnly")}</Alert>}
      <PipelinesSettings canEdit={canEdit} canDelete={canEdit} />
      <LostReasonsSettings canEdit={canEdit} />
    </div>
  );
}
