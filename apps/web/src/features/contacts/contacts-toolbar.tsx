import { X } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { Button } from "../../components/ui/button";
import { FilterSelect } from "../../components/ui/filter-select";
import { SearchInput } from "../../components/ui/search-input";
import { useI18n } from "../../i18n/i18n-provider";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { CompanyFilter } from "./company-filter";
import {
  type ContactFilters,
  type ContactSort,
  clearedFilters,
  hasActiveFilters,
  maxContactSearchLength,
  type Presence,
} from "./contact-filters";
import { TagFilter } from "./tag-filter";

interface ContactsToolbarProps {
  filters: ContactFilters;
  onChange: (filters: ContactFilters) => void;
}

const asPresence = (value: string): Presence | undefined =>
  value === "with" || value === "without" ? value : undefined;
const asSort = (value: string): ContactSort | undefined => (value === "name" ? value : undefined);

export function ContactsToolbar({ filters, onChange }: ContactsToolbarProps) {
  const { t } = useI18n();
  const [text, setText] = useState(filters.q ?? "");
  const settled = useDebouncedValue(text);
  const limitId = useId();
  // the box takes no more than the API searches; a paste cut short is said, not silently searched in part
  const atLimit = text.length >= maxContactSearchLength;

  // The URL follows the search box once typing pauses; the box follows the URL (back button, "clear").
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled edit should write the URL
  useEffect(() => {
    const q = settled.trim() === "" ? undefined : settled;
    if (q !== filters.q) onChange({ ...filters, q });
  }, [settled]);
  useEffect(() => {
    setText((current) => (current.trim() === (filters.q ?? "") ? current : (filters.q ?? "")));
  }, [filters.q]);

  const presenceOptions = (any: string, withLabel: string, withoutLabel: string) => [
    { value: "", label: any },
    { value: "with", label: withLabel },
    { value: "without", label: withoutLabel },
  ];

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="w-full sm:w-auto sm:min-w-80 sm:flex-1">
        <SearchInput
          label={t("contacts.search")}
          placeholder={t("contacts.searchPlaceholder")}
          value={text}
          maxLength={maxContactSearchLength}
          aria-describedby={atLimit ? limitId : undefined}
          onChange={(event) => setText(event.target.value.slice(0, maxContactSearchLength))}
        />
        {atLimit && (
          <p id={limitId} role="status" className="mt-1 text-xs text-slate-500">
            {t("contacts.searchTooLong", { max: maxContactSearchLength })}
          </p>
        )}
      </div>
      <div className="contents">
        <TagFilter tagId={filters.tagId} onChange={(tagId) => onChange({ ...filters, tagId })} />
        <CompanyFilter
          companyId={filters.companyId}
          onChange={(companyId) => onChange({ ...filters, companyId })}
        />
        <FilterSelect
          label={t("contacts.filter.phone")}
          value={filters.phone ?? ""}
          onChange={(event) => onChange({ ...filters, phone: asPresence(event.target.value) })}
          options={presenceOptions(
            t("contacts.filter.anyPhone"),
            t("contacts.filter.withPhone"),
            t("contacts.filter.withoutPhone"),
          )}
        />
        <FilterSelect
          label={t("contacts.filter.email")}
          value={filters.email ?? ""}
          onChange={(event) => onChange({ ...filters, email: asPresence(event.target.value) })}
          options={presenceOptions(
            t("contacts.filter.anyEmail"),
            t("contacts.filter.withEmail"),
            t("contacts.filter.withoutEmail"),
          )}
        />
        <FilterSelect
          label={t("contacts.sort.label")}
          value={filters.sort ?? ""}
          onChange={(event) => onChange({ ...filters, sort: asSort(event.target.value) })}
          options={[
            { value: "", label: t("contacts.sort.newest") },
            { value: "name", label: t("contacts.sort.name") },
          ]}
        />
        {hasActiveFilters(filters) && (
          <Button variant="ghost" size="sm" onClick={() => onChange(clearedFilters(filters))}>
            <X aria-hidden="true" className="size-4" />
            {t("contacts.filter.clear")}
          </Button>
        )}
      </div>
    </div>
  );
}
