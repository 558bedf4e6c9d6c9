import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { SearchFilter } from "./search-filter";
import { companyResultLimit, useCompanySearch } from "./use-contact-options";

interface CompanyFilterProps {
  companyId: string | undefined;
  onChange: (companyId: string | undefined) => void;
}

function useChosenCompany(id: string, { enabled }: { enabled: boolean }) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.companies.get.queryOptions({ id }), enabled, retry: false });
}

/** The contact list's company filter: any of thousands of companies, found by typing part of the name. */
export function CompanyFilter({ companyId, onChange }: CompanyFilterProps) {
  const { t } = useI18n();
  return (
    <SearchFilter
      value={companyId}
      onChange={onChange}
      useResults={useCompanySearch}
      useChosen={useChosenCompany}
      words={{
        filter: t("contacts.filter.company"),
        any: t("contacts.filter.anyCompany"),
        results: t("contacts.filter.companyResults"),
        searching: t("contacts.filter.companySearching"),
        none: t("contacts.filter.companyNone"),
        more: t("contacts.filter.companyMore", { count: companyResultLimit }),
        missing: t("contacts.filter.companyMissing"),
        clear: t("contacts.filter.clearCompany"),
      }}
    />
  );
}
