import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Avatar } from "../../components/ui/avatar";
import { Button } from "../../components/ui/button";
import { SearchInput } from "../../components/ui/search-input";
import { Spinner } from "../../components/ui/spinner";
import { useI18n } from "../../i18n/i18n-provider";
import { displayPhone } from "../../lib/phone";
import { useTRPC } from "../../lib/trpc";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { ContactChoiceLabel } from "./contact-choice-label";
import type { Contact } from "./use-save-contact";

export type PickedContact = Pick<Contact, "id" | "name" | "email" | "phone">;

interface ContactPickerProps {
  label: string;
  value: PickedContact | null;
  onChange: (contact: PickedContact | null) => void;
  /** A contact that must not be offered (the one being merged into). */
  excludeId?: string;
  error?: string | undefined;
}

const resultLimit = 6;

/** Finds a contact by name, email or phone; the choice then shows as a card with a way to change it. */
export function ContactPicker({ label, value, onChange, excludeId, error }: ContactPickerProps) {
  const { t } = useI18n();
  const id = useId();
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const search = useDebouncedValue(text.trim());
  const results = useQuery({
    ...trpc.contacts.list.queryOptions({ search: search || undefined, limit: resultLimit + 1 }),
    enabled: value === null,
    placeholderData: keepPreviousData,
  });
  const options = (results.data?.items ?? [])
    .filter((contact) => contact.id !== excludeId)
    .slice(0, resultLimit);

  if (value) {
    return (
      <div className="space-y-1.5">
        <p className="text-sm font-medium text-slate-700">{label}</p>
        <div className="flex items-center gap-3 rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200 ring-inset">
          <Avatar name={value.name} />
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium text-slate-900">{value.name}</p>
            <p className="truncate text-xs text-slate-500">
              {value.email ?? (value.phone ? displayPhone(value.phone) : "")}
            </p>
          </div>
          <Button variant="ghost" size="sm" onClick={() => onChange(null)}>
            {t("contacts.picker.change")}
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
        aria-invalid={error ? true : undefined}
        placeholder={t("contacts.picker.placeholder")}
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
      {error && <p className="text-xs font-medium text-red-600">{error}</p>}
      <div className="max-h-56 overflow-y-auto rounded-lg ring-1 ring-slate-200 ring-inset">
        {results.isPending ? (
          <div className="flex justify-center p-3 text-slate-400">
            <Spinner />
          </div>
        ) : options.length === 0 ? (
          <p className="p-3 text-sm text-slate-500">{t("contacts.picker.none")}</p>
        ) : (
          <ul aria-label={t("contacts.picker.results")} className="divide-y divide-slate-100">
            {options.map((contact) => (
              <li key={contact.id}>
                <button
                  type="button"
                  onClick={() => onChange(contact)}
                  className="flex w-full items-center gap-3 px-3 py-2 text-left hover:bg-indigo-50 focus-visible:bg-indigo-50"
                >
                  <ContactChoiceLabel contact={contact} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
