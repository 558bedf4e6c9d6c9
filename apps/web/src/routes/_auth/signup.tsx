import { createFileRoute, Link } from "@tanstack/react-router";
import { textLinkClasses } from "../../components/ui/text-link";
import { AuthCard } from "../../features/auth/auth-card";
import { redirectIfSignedIn } from "../../features/auth/probe-session";
import { SignupForm } from "../../features/auth/signup-form";
import { useI18n } from "../../i18n/i18n-provider";
import { useDocumentTitle } from "../../lib/use-document-title";

export const Route = createFileRoute("/_auth/signup")({
  beforeLoad: redirectIfSignedIn,
  component: SignupPage,
});

function SignupPage() {
  const { t } = useI18n();
  useDocumentTitle(t("auth.signup.title"));
  return (
    <AuthCard
      title={t("auth.signup.title")}
      description={t("auth.signup.description")}
      footer={
        <>
          {t("auth.signup.haveAccount")}{" "}
          <Link to="/login" className={textLinkClasses}>
            {t("auth.signup.toLogin")}
          </Link>
        </>
      }
    >
      <SignupForm />
    </AuthCard>
  );
}
