import { can } from "@crm/domain/shared/permissions";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { ArrowLeft, Building2, Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDate } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useSession } from "../auth/use-session";
import { CompanyContactsCard, useCompanyContacts } from "./company-contacts-card";
import { CompanyDetailsCard } from "./company-details-card";
import { CompanyDialog } from "./company-dialog";
import { DeleteCompanyDialog } from "./delete-company-dialog";

export function CompanyPage({ companyId }: { companyId: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { user } = useSession();
  const companyQuery = useSuspenseQuery(trpc.companies.get.queryOptions({ id: companyId }));
  const company = companyQuery.data;
  const contacts = useCompanyContacts(companyId);
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  useDocumentTitle(company.name);
  const mayWrite = can(user.role, "contacts:write");
  const mayDelete = can(user.role, "contacts:delete");
  // exact once every page of its contacts is here; otherwise the question does without the number
  const contactCount =
    contacts.isSuccess && !contacts.hasNextPage
      ? contacts.data.pages.reduce((sum, page) => sum + page.items.length, 0)
      : undefined;

  return (
    <>
      <Link
        to="/companies"
        className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-slate-500 hover:text-slate-800"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("companies.backToList")}
      </Link>
      <RefreshFailedNotice query={companyQuery} />
      <div className="mb-8 flex flex-wrap items-center justify-between gap-4">
        <div className="flex min-w-0 items-center gap-4">
          <span
            aria-hidden="true"
            className="flex size-12 shrink-0 items-center justify-center rounded-xl bg-slate-100 text-slate-500"
          >
            <Building2 className="size-6" />
          </span>
          <div className="min-w-0">
            <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{company.name}</h1>
            <p className="truncate text-sm text-slate-500">
              {t("companies.createdAt")} {formatDate(company.createdAt, locale)}
            </p>
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {mayWrite && (
            <Button variant="secondary" onClick={() => setDialog("edit")}>
              <Pencil aria-hidden="true" className="size-4" />
              {t("companies.edit.open")}
            </Button>
          )}
          {mayDelete && (
            <Button
              variant="ghost"
              aria-label={t("companies.delete.label", { name: company.name })}
              onClick={() => setDialog("delete")}
            >
              <Trash2 aria-hidden="true" className="size-4" />
            </Button>
          )}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3 lg:items-start">
        <CompanyDetailsCard company={company} />
        <div className="lg:col-span-2">
          <CompanyContactsCard companyId={company.id} contacts={contacts} />
        </div>
      </div>

      <CompanyDialog
        open={dialog === "edit"}
        onOpenChange={(open) => setDialog(open ? "edit" : null)}
        company={company}
      />
      <DeleteCompanyDialog
        company={dialog === "delete" ? company : null}
        contactCount={contactCount}
        onClose={() => setDialog(null)}
        onDeleted={() => navigate({ to: "/companies" })}
      />
    </>
  );
}
