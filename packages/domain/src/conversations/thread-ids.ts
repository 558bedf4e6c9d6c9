import type { Channel } from "../integrations";
import { brazilianMobileVariants, type Phone } from "../shared/phone";

const brazilianNumber = /^55\d{10,11}$/;

/**
 * Every thread id a conversation of this thread may be stored under, the given one first. A WhatsApp thread is
 * the customer's number without "+", and Meta often reports a Brazilian mobile without its ninth digit while a
 * conversation an agent starts from the contact's phone has it: both forms are one thread.
 */
export function threadIdsOf(channel: Channel, threadId: string): string[] {
  if (channel !== "whatsapp" || !brazilianNumber.test(threadId)) return [threadId];
  const variants = brazilianMobileVariants(`+${threadId}` as Phone).map((phone) => phone.slice(1));
  return [threadId, ...variants.filter((variant) => variant !== threadId)];
}
