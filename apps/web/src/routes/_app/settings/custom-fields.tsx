import { can } from "@crm/domain/shared/permissions";
import { createFileRoute } from "@tanstack/react-router";
import { Alert } from "../../../components/ui/alert";
import { useSession } from "../../../features/auth/use-session";
import { CustomFieldsCard } from "../../../features/contacts/custom-fields-card";
import { useI18n } from "../../../i18n/i18n-provider";
import { useDocumentTitle } from "../../../lib/use-document-title";

export const Route = createFileRoute("/_app/settings/custom-fields")({
  component: CustomFieldsSettingsPage,
});

function CustomFieldsSettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  useDocumentTitle(t("settings.tabs.customFields"));
  // Definitions shape every contact's form and the CSV columns: owners and admins manage them.
  const canManage = can(user.role, "organizations:write");
  return (
    <div className="space-y-6">
      {!canManage && <Alert tone="info">{t("customFields.managersOnly")}</Alert>}
      <CustomFieldsCard canManage={canManage} />
    </div>
  );
}
