import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "../../components/ui/button";
import { SearchInput } from "../../components/ui/search-input";
import { Spinner } from "../../components/ui/spinner";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMoney } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useContactName } from "../deals/use-contact-name";
import type { Deal } from "../deals/use-deal-cache";

interface DealPickerProps {
  label: string;
  value: Deal | null;
  onChange: (deal: Deal | null) => void;
}

const resultLimit = 20;

/** Finds an open deal by its title or its contact's name, among all of them; the choice shows with a way to change it. */
export function DealPicker({ label, value, onChange }: DealPickerProps) {
  const { t } = useI18n();
  const id = useId();
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const search = useDebouncedValue(text.trim());
  const results = useQuery({
    ...trpc.deals.list.queryOptions({ status: "open", search: search || undefined, limit: resultLimit }),
    enabled: value === null,
    placeholderData: keepPreviousData,
  });
  const options = results.data?.items ?? [];

  if (value) {
    return (
      <div className="space-y-1.5">
        <p className="text-sm font-medium text-slate-700">{label}</p>
        <div className="flex items-center gap-3 rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200 ring-inset">
          <DealChoiceLabel deal={value} />
          <Button variant="ghost" size="sm" onClick={() => onChange(null)}>
            {t("payments.create.dealChange")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <SearchInput
        id={id}
        label={label}
        placeholder={t("payments.create.dealSearch")}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          const first = options[0];
          if (event.key === "Enter") {
            event.preventDefault();
            if (first) onChange(first);
          }
        }}
      />
      <div className="max-h-64 overflow-y-auto rounded-lg ring-1 ring-slate-200 ring-inset">
        {results.isPending ? (
          <div className="flex justify-center p-3 text-slate-400">
            <Spinner />
          </div>
        ) : options.length === 0 ? (
          <p className="p-3 text-sm text-slate-500">
            {t(search ? "payments.create.dealNone" : "payments.create.noDeals")}
          </p>
        ) : (
          <ul aria-label={t("payments.create.dealResults")} className="divide-y divide-slate-100">
            {options.map((deal) => (
              <li key={deal.id}>
                <button
                  type="button"
                  onClick={() => onChange(deal)}
                  className="flex w-full items-center gap-3 px-3 py-2 text-left hover:bg-indigo-50 focus-visible:bg-indigo-50"
                >
                  <DealChoiceLabel deal={deal} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
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
      <span className="block truncate text-xs text-slate-500">
        {[contactName, formatMoney(deal.value, locale)].filter(Boolean).join(" · ")}
      </span>
    </span>
  );
}
