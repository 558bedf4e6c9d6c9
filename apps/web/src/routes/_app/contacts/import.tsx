import { can } from "@crm/domain/shared/permissions";
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router";
import { ArrowLeft } from "lucide-react";
import { Alert } from "../../../components/ui/alert";
import { PageHeader } from "../../../components/ui/page-header";
import { useSession } from "../../../features/auth/use-session";
import { ImportForm } from "../../../features/contacts/import-form";
import { ImportProgress } from "../../../features/contacts/import-progress";
import { roleLabels } from "../../../features/team/roles";
import { useI18n } from "../../../i18n/i18n-provider";
import { useDocumentTitle } from "../../../lib/use-document-title";

interface ImportSearch {
  /** The running or finished import, so a reload keeps showing its progress and report. */
  id?: string | undefined;
}

export const Route = createFileRoute("/_app/contacts/import")({
  validateSearch: (search: Record<string, unknown>): ImportSearch => ({
    id: typeof search.id === "string" && search.id !== "" ? search.id : undefined,
  }),
  component: ImportRoute,
});

function ImportRoute() {
  const { t } = useI18n();
  const { id } = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const { user } = useSession();
  useDocumentTitle(t("contacts.import.title"));
  // Everyone may follow an import's progress and report; only a role that writes contacts may start one.
  const mayImport = can(user.role, "contacts:write");
  const restart = () => void navigate({ search: {} });
  return (
    <>
      <Link
        to="/contacts"
        className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-slate-500 hover:text-slate-800"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("contacts.backToList")}
      </Link>
      <PageHeader title={t("contacts.import.title")} description={t("contacts.import.description")} />
      {id ? (
        <ImportProgress key={id} importId={id} onRestart={mayImport ? restart : undefined} />
      ) : mayImport ? (
        <ImportForm onStarted={(importId) => void navigate({ search: { id: importId } })} />
      ) : (
        <Alert tone="info">{t("contacts.import.notAllowed", { role: t(roleLabels[user.role]) })}</Alert>
      )}
    </>
  );
}
