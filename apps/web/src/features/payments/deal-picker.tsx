import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { SearchPicker } from "../../components/ui/search-picker";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMoney } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { useContactName } from "../deals/use-contact-name";
import type { Deal } from "../deals/use-deal-cache";

interface DealPickerProps {
  label: string;
  value: Deal | null;
  onChange: (deal: Deal | null) => void;
}

const resultLimit = 20;

function useOpenDeals(search: string, { enabled }: { enabled: boolean }) {
  const trpc = useTRPC();
  const results = useQuery({
    ...trpc.deals.list.queryOptions({ status: "open", search: search || undefined, limit: resultLimit }),
    enabled,
    placeholderData: keepPreviousData,
  });
  return {
    options: results.data?.items ?? [],
    isPending: results.isPending,
    isPlaceholderData: results.isPlaceholderData,
  };
}

/** Finds an open deal by its title or its contact's name, among all of them; the choice shows with a way to change it. */
export function DealPicker({ label, value, onChange }: DealPickerProps) {
  const { t } = useI18n();
  return (
    <SearchPicker
      label={label}
      value={value}
      onChange={onChange}
      useOptions={useOpenDeals}
      limit={resultLimit}
      renderOption={(deal) => <DealChoiceLabel deal={deal} />}
      renderChoice={(deal) => <DealChoiceLabel deal={deal} />}
      words={{
        placeholder: t("payments.create.dealSearch"),
        results: t("payments.create.dealResults"),
        none: t("payments.create.dealNone"),
        empty: t("payments.create.noDeals"),
        change: t("payments.create.dealChange"),
      }}
    />
  );
}

/** A deal as the picker lists it: title, then its contact and value, which tell same-titled deals apart. */
function DealChoiceLabel({ deal }: { deal: Deal }) {
  const { locale } = useI18n();
  const contactName = useContactName(deal.contactId);
  return (
    <span className="min-w-0 flex-1">
      <span className="block truncate text-sm font-medium text-slate-900">{deal.title}</span>
      {/* the choice's accessible name reads "title, contact · value", not the two run together */}
      <span className="sr-only">, </span>
      {/* slate-600, not 500: readable on the highlight of the option the arrows are on */}
      <span className="block truncate text-xs text-slate-600">
        {[contactName, formatMoney(deal.value, locale)].filter(Boolean).join(" · ")}
      </span>
    </span>
  );
}
