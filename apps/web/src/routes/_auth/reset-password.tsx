import { createFileRoute } from "@tanstack/react-router";
import { AuthCard } from "../../features/auth/auth-card";
import { MissingToken } from "../../features/auth/missing-token";
import { ResetPassword } from "../../features/auth/reset-password-form";
import { validateTokenSearch } from "../../features/auth/token-search";
import { useI18n } from "../../i18n/i18n-provider";
import { useDocumentTitle } from "../../lib/use-document-title";

export const Route = createFileRoute("/_auth/reset-password")({
  validateSearch: validateTokenSearch,
  component: ResetPasswordPage,
});

function ResetPasswordPage() {
  const { t } = useI18n();
  const { token } = Route.useSearch();
  useDocumentTitle(t("auth.reset.title"));
  return (
    <AuthCard title={t("auth.reset.title")} description={t("auth.reset.description")}>
      {token ? (
        <ResetPassword token={token} />
      ) : (
        <MissingToken
          message={t("errors.invalidToken")}
          action={t("auth.reset.requestNew")}
          to="/forgot-password"
        />
      )}
    </AuthCard>
  );
}
