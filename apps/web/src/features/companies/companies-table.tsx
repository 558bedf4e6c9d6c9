import { formatCnpj } from "@crm/domain/contacts/cnpj";
import { Link } from "@tanstack/react-router";
import { Building2, Pencil, Trash2 } from "lucide-react";
import { Button } from "../../components/ui/button";
import { Table, Td, Th } from "../../components/ui/table";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { formatDate } from "../../lib/format";
import type { CompanySummary } from "./company-search";

// on a phone the name cell also says how many contacts; their column and the date come with wider screens
const fromSmall = "hidden sm:table-cell";
const fromMedium = "hidden md:table-cell";

interface CompaniesTableProps {
  companies: readonly CompanySummary[];
  onEdit?: ((company: CompanySummary) => void) | undefined;
  onDelete?: ((company: CompanySummary) => void) | undefined;
}

export function CompaniesTable({ companies, onEdit, onDelete }: CompaniesTableProps) {
  const { t, locale } = useI18n();
  const hasActions = onEdit !== undefined || onDelete !== undefined;
  return (
    <Table
      caption={t("companies.title")}
      head={
        <>
          <Th>{t("companies.name")}</Th>
          <Th className={cx("text-right", fromSmall)}>{t("companies.contacts")}</Th>
          <Th className={fromMedium}>{t("companies.createdAt")}</Th>
          {hasActions && (
            <Th>
              <span className="sr-only">{t("common.actions")}</span>
            </Th>
          )}
        </>
      }
    >
      {companies.map((company) => (
        <tr key={company.id} className="hover:bg-slate-50">
          <Td className="max-w-0 w-full">
            <div className="flex items-center gap-3">
              <span
                aria-hidden="true"
                className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-slate-500"
              >
                <Building2 className="size-4" />
              </span>
              <div className="min-w-0">
                <Link
                  to="/companies/$companyId"
                  params={{ companyId: company.id }}
                  className="block break-words font-medium text-slate-900 hover:text-indigo-600"
                >
                  {company.name}
                </Link>
                {(company.taxId || company.domain) && (
                  <div className="break-words text-slate-500 tabular-nums">
                    {[company.taxId && formatCnpj(company.taxId), company.domain].filter(Boolean).join(" · ")}
                  </div>
                )}
                <div className="text-slate-500 sm:hidden">
                  {t("companies.contactCount", { count: company.contactCount })}
                </div>
              </div>
            </div>
          </Td>
          <Td
            className={cx(
              "text-right whitespace-nowrap tabular-nums",
              company.contactCount === 0 ? "text-slate-500" : "text-slate-700",
              fromSmall,
            )}
          >
            {company.contactCount}
          </Td>
          <Td className={cx("whitespace-nowrap text-slate-500", fromMedium)}>
            {formatDate(company.createdAt, locale)}
          </Td>
          {hasActions && (
            <Td className="text-right whitespace-nowrap">
              {onEdit && (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t("companies.edit.label", { name: company.name })}
                  onClick={() => onEdit(company)}
                >
                  <Pencil aria-hidden="true" className="size-4" />
                </Button>
              )}
              {onDelete && (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t("companies.delete.label", { name: company.name })}
                  onClick={() => onDelete(company)}
                >
                  <Trash2 aria-hidden="true" className="size-4" />
                </Button>
              )}
            </Td>
          )}
        </tr>
      ))}
    </Table>
  );
}
