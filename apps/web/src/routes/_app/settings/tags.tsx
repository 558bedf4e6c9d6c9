import { can } from "@crm/domain/shared/permissions";
import { createFileRoute } from "@tanstack/react-router";
import { useSession } from "../../../features/auth/use-session";
import { TagsCard } from "../../../features/contacts/tags-card";
import { useI18n } from "../../../i18n/i18n-provider";
import { useDocumentTitle } from "../../../lib/use-document-title";

export const Route = createFileRoute("/_app/settings/tags")({
  component: TagsSettingsPage,
});

function TagsSettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  useDocumentTitle(t("settings.tabs.tags"));
  return (
    <TagsCard canEdit={can(user.role, "contacts:write")} canDelete={can(user.role, "contacts:delete")} />
  );
}
