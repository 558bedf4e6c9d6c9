import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { ContactChoiceLabel } from "./contact-choice-label";
import type { PickedContact } from "./contact-picker";
import { duplicateReasons } from "./duplicate-reasons";

const suggestionLimit = 5;

/** The contacts the API finds likely to be the same person as this one, each with why. */
export function usePossibleDuplicates(contactId: string, enabled: boolean) {
  const trpc = useTRPC();
  const suggestions = useQuery({
    ...trpc.contacts.duplicates.queryOptions({ id: contactId, limit: suggestionLimit }),
    enabled,
  });
  return suggestions.data?.items ?? [];
}

/** Nothing while they load or when there are none, so the search below is never held up. */
export function DuplicateSuggestions({
  items,
  onPick,
}: {
  items: ReturnType<typeof usePossibleDuplicates>;
  onPick: (contact: PickedContact) => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="space-y-1.5">
      <h3 id={headingId} className="text-sm font-medium text-slate-700">
        {t("contacts.merge.suggestions")}
      </h3>
      <ul
        aria-labelledby={headingId}
        className="divide-y divide-slate-100 rounded-lg ring-1 ring-indigo-200 ring-inset"
      >
        {items.map(({ contact, signals }) => (
          <li key={contact.id}>
            <button
              type="button"
              onClick={() => onPick(contact)}
              className="flex w-full items-center gap-3 px-3 py-2 text-left hover:bg-indigo-50 focus-visible:bg-indigo-50"
            >
              <ContactChoiceLabel contact={contact} />
              <span className="flex shrink-0 flex-wrap justify-end gap-1">
                {duplicateReasons(signals).map((reason) => (
                  <span
                    key={reason}
                    className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700"
                  >
                    {t(reason)}
                  </span>
                ))}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
