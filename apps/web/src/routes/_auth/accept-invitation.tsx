import { createFileRoute } from "@tanstack/react-router";
import { AcceptInvitation } from "../../features/auth/accept-invitation";
import { AuthCard } from "../../features/auth/auth-card";
import { MissingToken } from "../../features/auth/missing-token";
import { validateTokenSearch } from "../../features/auth/token-search";
import { useI18n } from "../../i18n/i18n-provider";
import { useDocumentTitle } from "../../lib/use-document-title";

export const Route = createFileRoute("/_auth/accept-invitation")({
  validateSearch: validateTokenSearch,
  component: AcceptInvitationPage,
});

function AcceptInvitationPage() {
  const { t } = useI18n();
  const { token } = Route.useSearch();
  useDocumentTitle(t("auth.invitation.title"));
  if (token) return <AcceptInvitation token={token} />;
  return (
    <AuthCard title={t("auth.invitation.title")}>
      <MissingToken message={t("errors.invitationInvalid")} action={t("auth.backToLogin")} to="/login" />
    </AuthCard>
  );
}
