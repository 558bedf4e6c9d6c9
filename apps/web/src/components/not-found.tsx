import { Link } from "@tanstack/react-router";
import { Compass } from "lucide-react";
import { useI18n } from "../i18n/i18n-provider";
import { useDocumentTitle } from "../lib/use-document-title";
import { buttonClasses } from "./ui/button";
import { EmptyState } from "./ui/empty-state";

export function NotFound() {
  const { t } = useI18n();
  useDocumentTitle(t("notFound.title"));
  return (
    <main className="mx-auto max-w-xl px-6 py-24">
      <EmptyState icon={Compass} title={t("notFound.title")} description={t("notFound.description")}>
        <Link to="/" className={buttonClasses("secondary")}>
          {t("notFound.home")}
        </Link>
      </EmptyState>
    </main>
  );
}
