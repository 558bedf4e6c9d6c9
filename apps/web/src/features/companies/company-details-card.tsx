import { formatCnpj } from "@crm/domain/contacts/cnpj";
import type { ReactNode } from "react";
import { Card } from "../../components/ui/card";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import { displayPhone } from "../../lib/phone";
import { addressLines } from "./company-address";
import type { Company } from "./company-search";

export function CompanyDetailsCard({ company }: { company: Company }) {
  const { t } = useI18n();
  const lines = company.address ? addressLines(company.address) : [];
  return (
    <Card title={t("companies.details")}>
      <dl className="@container space-y-4 text-sm">
        <Detail label={t("companies.taxId")}>
          {company.taxId ? <span className="tabular-nums">{formatCnpj(company.taxId)}</span> : null}
        </Detail>
        <Detail label={t("companies.domain")}>
          {company.domain ? (
            <a
              href={`https://${company.domain}`}
              target="_blank"
              rel="noopener noreferrer"
              className={textLinkClasses}
            >
              {company.domain}
            </a>
          ) : null}
        </Detail>
        <Detail label={t("companies.phone")}>
          {company.phone ? (
            <a href={`tel:${company.phone}`} className={`${textLinkClasses} tabular-nums`}>
              {displayPhone(company.phone)}
            </a>
          ) : null}
        </Detail>
        <Detail label={t("companies.address")}>
          {lines.length > 0 ? (
            <address className="not-italic">
              {lines.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          ) : null}
        </Detail>
      </dl>
    </Card>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 @2xs:grid-cols-3 @2xs:gap-3">
      <dt className="min-w-0 break-words text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900 @2xs:col-span-2">
        {children ?? <span className="text-slate-500">—</span>}
      </dd>
    </div>
  );
}
