import { useEffect, useState } from "react";
import { SearchInput } from "../../components/ui/search-input";
import { useI18n } from "../../i18n/i18n-provider";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { type DealsSearch, maxDealSearchLength } from "./deal-list-filters";

interface DealSearchBoxProps {
  search: DealsSearch;
  onChange: (search: DealsSearch) => void;
}

/** The title, contact or company search the board and the list share; it writes `q` in the URL. */
export function DealSearchBox({ search, onChange }: DealSearchBoxProps) {
  const { t } = useI18n();
  const [text, setText] = useState(search.q ?? "");
  const settled = useDebouncedValue(text);

  // The URL follows the box once typing pauses; the box follows the URL (back button, "clear filters").
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled edit should write the URL
  useEffect(() => {
    const q = settled.trim() === "" ? undefined : settled.trim();
    if (q !== search.q) onChange({ ...search, q });
  }, [settled]);
  useEffect(() => {
    setText((current) => (current.trim() === (search.q ?? "") ? current : (search.q ?? "")));
  }, [search.q]);

  return (
    <SearchInput
      label={t("deals.search.label")}
      placeholder={t("deals.search.placeholder")}
      value={text}
      maxLength={maxDealSearchLength}
      onChange={(event) => setText(event.target.value)}
      className="w-full min-w-48 sm:w-64"
    />
  );
}
