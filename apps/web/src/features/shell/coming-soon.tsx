import type { LucideIcon } from "lucide-react";
import { Badge } from "../../components/ui/badge";
import { EmptyState } from "../../components/ui/empty-state";
import { PageHeader } from "../../components/ui/page-header";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import { useDocumentTitle } from "../../lib/use-document-title";

interface ComingSoonProps {
  icon: LucideIcon;
  title: PlainMessageKey;
  description: PlainMessageKey;
}

/** An honest placeholder for a screen that is not built yet: no sample data pretending to be real. */
export function ComingSoon({ icon, title, description }: ComingSoonProps) {
  const { t } = useI18n();
  useDocumentTitle(t(title));
  return (
    <>
      <PageHeader title={t(title)} />
      <EmptyState icon={icon} title={t("comingSoon.title")} description={t(description)}>
        <Badge tone="accent">{t("comingSoon.badge")}</Badge>
      </EmptyState>
    </>
  );
}
