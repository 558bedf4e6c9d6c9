import type { Locale } from "../../i18n/locale";
import type { Translate } from "../../i18n/translate";
import { formatMoney } from "../../lib/money";
import type { NotificationItem } from "./types";

/**
 * Who did what, in the reader's language: "Ana assigned you the conversation with Maria". An assignment made
 * with an API key names the key through `apiKeyAuthor` ("via API: Zapier assigned you ...").
 */
export function notificationText(
  notification: NotificationItem,
  t: Translate,
  locale: Locale,
  apiKeyAuthor: (apiKeyId: string | null) => string | null = () => null,
): string {
  const actor = notification.actor?.name ?? t("notifications.someone");
  const contact = notification.contact?.name ?? t("notifications.aCustomer");
  switch (notification.type) {
    case "assignment": {
      if (notification.actor) return t("notifications.assigned", { actor, contact });
      const apiKey = apiKeyAuthor(notification.data.assignedByApiKeyId ?? null);
      return apiKey
        ? t("notifications.assigned", { actor: apiKey, contact })
        : t("notifications.assignedToYou", { contact });
    }
    case "mention":
      return t("notifications.mentioned", { actor, contact });
    case "lost_deal_paid": {
      const amount = formatMoney(notification.data, locale);
      return notification.data.won
        ? t("notifications.lostDealPaid.won", { contact, amount })
        : t("notifications.lostDealPaid.stillLost", { contact, amount });
    }
  }
}

/** The note's beginning, for a mention; nothing more for the others. */
export const notificationDetail = (notification: NotificationItem): string | null =>
  notification.type === "mention" ? notification.data.excerpt : null;

/** Where opening a notification takes the user. */
export type NotificationTarget =
  | { to: "/inbox/$conversationId"; params: { conversationId: string } }
  | { to: "/deals/$dealId"; params: { dealId: string } };

export function notificationTarget(notification: NotificationItem): NotificationTarget {
  if (notification.type === "lost_deal_paid")
    return { to: "/deals/$dealId", params: { dealId: notification.data.dealId } };
  return { to: "/inbox/$conversationId", params: { conversationId: notification.data.conversationId } };
}
