import { createFileRoute, Link } from "@tanstack/react-router";
import { textLinkClasses } from "../../components/ui/text-link";
import { AuthCard } from "../../features/auth/auth-card";
import { ForgotPasswordForm } from "../../features/auth/forgot-password-form";
import { useI18n } from "../../i18n/i18n-provider";
import { useDocumentTitle } from "../../lib/use-document-title";

export const Route = createFileRoute("/_auth/forgot-password")({
  component: ForgotPasswordPage,
});

function ForgotPasswordPage() {
  const { t } = useI18n();
  useDocumentTitle(t("auth.forgot.title"));
  return (
    <AuthCard
      title={t("auth.forgot.title")}
      description={t("auth.forgot.description")}
      footer={
        <Link to="/login" className={textLinkClasses}>
          {t("auth.backToLogin")}
        </Link>
      }
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
