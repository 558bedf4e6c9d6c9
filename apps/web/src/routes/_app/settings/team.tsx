import { can } from "@crm/domain/shared/permissions";
import { createFileRoute } from "@tanstack/react-router";
import { useSession } from "../../../features/auth/use-session";
import { InvitationsCard } from "../../../features/team/invitations-card";
import { InviteForm } from "../../../features/team/invite-form";
import { MembersCard } from "../../../features/team/members-card";
import { useI18n } from "../../../i18n/i18n-provider";
import { useDocumentTitle } from "../../../lib/use-document-title";

export const Route = createFileRoute("/_app/settings/team")({
  component: TeamSettingsPage,
});

function TeamSettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  useDocumentTitle(t("settings.tabs.team"));
  const mayInvite = can(user.role, "users:invite");
  return (
    <div className="space-y-8">
      {mayInvite && <InviteForm actorRole={user.role} />}
      <MembersCard actor={user} />
      {mayInvite && <InvitationsCard actorRole={user.role} />}
    </div>
  );
}
