import { Link } from "@tanstack/react-router";
import { useI18n } from "../../i18n/i18n-provider";
import type { NavItem } from "./nav-items";
import { navItems } from "./nav-items";
import { badgeText, useUnreadConversations } from "./unread-conversations";

export const navItemClasses =
  "flex shrink-0 items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors";
export const activeNavItemClasses = "bg-indigo-50 text-indigo-700";
export const inactiveNavItemClasses = "text-slate-600 hover:bg-slate-100 hover:text-slate-900";

export function NavItemLink({ item: { to, label, icon: Icon, badge } }: { item: NavItem }) {
  const { t } = useI18n();
  return (
    <Link
      to={to}
      className={navItemClasses}
      activeProps={{ className: activeNavItemClasses, "aria-current": "page" }}
      inactiveProps={{ className: inactiveNavItemClasses }}
    >
      <Icon aria-hidden="true" className="size-4.5 shrink-0 opacity-80" />
      {t(label)}
      {badge && <UnreadBadge />}
    </Link>
  );
}

/**
 * The user's unread conversations beside a section's name: hidden at 0, "99+" above 99; read out as
 * "3 unread conversations" after the name.
 */
export function UnreadBadge() {
  const { t } = useI18n();
  const count = useUnreadConversations();
  const text = badgeText(count);
  if (!text) return null;
  return (
    <>
      <span
        aria-hidden="true"
        className="ml-auto flex h-5 min-w-5 items-center justify-center rounded-full bg-indigo-600 px-1.5 text-xs leading-none font-semibold text-white"
      >
        {text}
      </span>
      <span className="sr-only">{t("nav.unread", { count })}</span>
    </>
  );
}

/** The sections, one under the other, in the sidebar of wide screens. */
export function SidebarNav() {
  const { t } = useI18n();
  return (
    <nav aria-label={t("nav.label")}>
      <ul className="flex flex-col gap-1">
        {navItems.map((item) => (
          <li key={item.to}>
            <NavItemLink item={item} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
