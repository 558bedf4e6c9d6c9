import { createFileRoute, Link } from "@tanstack/react-router";
import { Alert } from "../../components/ui/alert";
import { textLinkClasses } from "../../components/ui/text-link";
import { AuthCard } from "../../features/auth/auth-card";
import { LoginForm } from "../../features/auth/login-form";
import { redirectIfSignedIn } from "../../features/auth/probe-session";
import { validateLoginSearch } from "../../features/auth/session-end";
import { useI18n } from "../../i18n/i18n-provider";
import { useDocumentTitle } from "../../lib/use-document-title";

export const Route = createFileRoute("/_auth/login")({
  validateSearch: validateLoginSearch,
  beforeLoad: redirectIfSignedIn,
  component: LoginPage,
});

function LoginPage() {
  const { t } = useI18n();
  const { redirect, reason } = Route.useSearch();
  useDocumentTitle(t("auth.login.title"));
  return (
    <AuthCard
      title={t("auth.login.title")}
      description={t("auth.login.description")}
      footer={
        <>
          {t("auth.login.noAccount")}{" "}
          <Link to="/signup" className={textLinkClasses}>
            {t("auth.login.toSignup")}
          </Link>
        </>
      }
    >
      {reason && (
        <Alert tone="info" className="mb-5">
          {t(`auth.sessionEnded.${reason}`)}
        </Alert>
      )}
      <LoginForm redirectTo={redirect} />
    </AuthCard>
  );
}
