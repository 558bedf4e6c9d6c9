import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { CompaniesPage } from "../../../features/companies/companies-page";
import { type CompanySearch, parseCompanySearch } from "../../../features/companies/company-search";

export const Route = createFileRoute("/_app/companies/")({
  validateSearch: (search: Record<string, unknown>): CompanySearch => parseCompanySearch(search),
  component: CompaniesRoute,
});

function CompaniesRoute() {
  const search = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  return (
    <CompaniesPage
      search={search}
      onSearchChange={(next) => void navigate({ search: parseCompanySearch({ ...next }), replace: true })}
    />
  );
}
