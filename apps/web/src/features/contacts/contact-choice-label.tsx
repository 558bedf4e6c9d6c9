import { Avatar } from "../../components/ui/avatar";
import { displayPhone } from "../../lib/phone";

/** A contact as the pickers list it: avatar, name, and the email (else the phone) that tells namesakes apart. */
export function ContactChoiceLabel({
  contact,
}: {
  contact: { name: string; email: string | null; phone: string | null };
}) {
  return (
    <>
      <Avatar name={contact.name} size="sm" />
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm font-medium text-slate-900">{contact.name}</span>
        {/* slate-600, not 500: readable on the highlight of the option the arrows are on */}
        <span className="block truncate text-xs text-slate-600">
          {contact.email ?? (contact.phone ? displayPhone(contact.phone) : "")}
        </span>
      </span>
    </>
  );
}
