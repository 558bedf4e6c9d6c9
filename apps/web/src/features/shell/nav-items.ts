import {
  Building2,
  CalendarCheck,
  CreditCard,
  Handshake,
  Inbox,
  type LucideIcon,
  Settings,
  Users,
} from "lucide-react";
import type { PlainMessageKey } from "../../i18n/translate";

export interface NavItem {
  to: "/inbox" | "/contacts" | "/companies" | "/deals" | "/activities" | "/payments" | "/settings";
  label: PlainMessageKey;
  icon: LucideIcon;
  /** A count shown beside the label: the user's unread conversations. */
  badge?: "unreadConversations";
}

export const navItems: readonly NavItem[] = [
  { to: "/inbox", label: "nav.inbox", icon: Inbox, badge: "unreadConversations" },
  { to: "/contacts", label: "nav.contacts", icon: Users },
  { to: "/companies", label: "nav.companies", icon: Building2 },
  { to: "/deals", label: "nav.deals", icon: Handshake },
  { to: "/activities", label: "nav.activities", icon: CalendarCheck },
  { to: "/payments", label: "nav.payments", icon: CreditCard },
  { to: "/settings", label: "nav.settings", icon: Settings },
];
