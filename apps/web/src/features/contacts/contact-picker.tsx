import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Avatar } from "../../components/ui/avatar";
import { SearchPicker } from "../../components/ui/search-picker";
import { useI18n } from "../../i18n/i18n-provider";
import { displayPhone } from "../../lib/phone";
import { useTRPC } from "../../lib/trpc";
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

function useMatchingContacts(search: string, { enabled }: { enabled: boolean }) {
  const trpc = useTRPC();
  const results = useQuery({
    // one more than shown, so a list without the excluded contact is still full
    ...trpc.contacts.list.queryOptions({ search: search || undefined, limit: resultLimit + 1 }),
    enabled,
    placeholderData: keepPreviousData,
  });
  return {
    options: results.data?.items ?? [],
    isPending: results.isPending,
    isPlaceholderData: results.isPlaceholderData,
  };
}

/** Finds a contact by name, email or phone; the choice then shows as a card with a way to change it. */
export function ContactPicker({ label, value, onChange, excludeId, error }: ContactPickerProps) {
  const { t } = useI18n();
  return (
    <SearchPicker
      label={label}
      value={value}
      onChange={onChange}
      error={error}
      useOptions={useMatchingContacts}
      limit={resultLimit}
      offers={(contact) => contact.id !== excludeId}
      listClassName="max-h-56"
      renderOption={(contact) => <ContactChoiceLabel contact={contact} />}
      renderChoice={(contact) => (
        <>
          <Avatar name={contact.name} />
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium text-slate-900">{contact.name}</p>
            <p className="truncate text-xs text-slate-500">
              {contact.email ?? (contact.phone ? displayPhone(contact.phone) : "")}
            </p>
          </div>
        </>
      )}
      words={{
        placeholder: t("contacts.picker.placeholder"),
        results: t("contacts.picker.results"),
        none: t("contacts.picker.none"),
        change: t("contacts.picker.change"),
      }}
    />
  );
}
