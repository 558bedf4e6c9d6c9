import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";

/** Cards know only the contact's id; names are looked up (batched into few requests) and cached. */
export function useContactName(contactId: string | null): string | null {
  const trpc = useTRPC();
  const contact = useQuery({
    ...trpc.contacts.get.queryOptions({ id: contactId ?? "" }),
    enabled: contactId !== null,
    staleTime: 5 * 60_000,
  });
  return contact.data?.name ?? null;
}
