import * as Menu from "@radix-ui/react-dropdown-menu";
import { Link, useMatchRoute } from "@tanstack/react-router";
import { ChevronDown, Ellipsis } from "lucide-react";
import { useLayoutEffect, useRef, useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { fittingItems } from "./fitting-items";
import { type NavItem, navItems } from "./nav-items";
import {
  activeNavItemClasses,
  inactiveNavItemClasses,
  NavItemLink,
  navItemClasses,
  UnreadBadge,
} from "./sidebar-nav";

const menuItemClasses =
  "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium outline-none select-none data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900";

/**
 * The sections in a row under the header of narrower screens: those that fit, in order, then a "More" menu with
 * the rest, so a phone shows every section or the way to it instead of a row that scrolls off the edge. What fits
 * is measured on a hidden copy of the row, so it follows the language and the width of the screen.
 */
export function HeaderNav() {
  const { t } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);
  const measureRef = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(navItems.length);

  useLayoutEffect(() => {
    const list = listRef.current;
    const measure = measureRef.current;
    if (!list || !measure) return;
    const fit = () => {
      const widths = [...measure.children].map((child) => child.getBoundingClientRect().width);
      const moreWidth = widths.pop() ?? 0;
      const gap = Number.parseFloat(getComputedStyle(measure).columnGap) || 0;
      setShown(fittingItems(widths, list.clientWidth, moreWidth, gap));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(list);
    observer.observe(measure);
    return () => observer.disconnect();
  }, []);

  const overflow = navItems.slice(shown);
  return (
    <nav aria-label={t("nav.label")} className="relative px-4 pb-2">
      <ul ref={listRef} className="flex gap-1">
        {navItems.slice(0, shown).map((item) => (
          <li key={item.to}>
            <NavItemLink item={item} />
          </li>
        ))}
        {overflow.length > 0 && (
          <li>
            <MoreMenu items={overflow} />
          </li>
        )}
      </ul>
      {/* the row as it would be with every section and the More button, only to measure it */}
      <div
        aria-hidden="true"
        inert
        className="pointer-events-none invisible absolute inset-x-0 top-0 h-0 overflow-hidden"
      >
        <div ref={measureRef} className="flex w-max gap-1">
          {navItems.map(({ to, label, icon: Icon, badge }) => (
            <span key={to} className={navItemClasses}>
              <Icon className="size-4.5 shrink-0" />
              {t(label)}
              {badge && <UnreadBadge />}
            </span>
          ))}
          <span className={navItemClasses}>
            <MoreLabel />
          </span>
        </div>
      </div>
    </nav>
  );
}

function MoreLabel() {
  const { t } = useI18n();
  return (
    <>
      <Ellipsis aria-hidden="true" className="size-4.5 shrink-0 opacity-80" />
      {t("nav.more")}
      <ChevronDown aria-hidden="true" className="-ml-1.5 size-4 shrink-0 opacity-70" />
    </>
  );
}

function MoreMenu({ items }: { items: readonly NavItem[] }) {
  const { t } = useI18n();
  const matchRoute = useMatchRoute();
  // the section on screen is one of those in the menu: the button shows where you are
  const holdsCurrent = items.some((item) => matchRoute({ to: item.to, fuzzy: true }) !== false);
  return (
    // not modal: a list of links, like the row beside it, rather than a choice that holds up the page
    <Menu.Root modal={false}>
      <Menu.Trigger
        className={cx(
          navItemClasses,
          holdsCurrent ? activeNavItemClasses : inactiveNavItemClasses,
          "data-[state=open]:bg-slate-100",
        )}
      >
        <MoreLabel />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align="end"
          sideOffset={6}
          collisionPadding={8}
          className="z-50 min-w-48 rounded-xl border border-slate-200 bg-white p-1.5 shadow-lg"
        >
          {items.map(({ to, label, icon: Icon, badge }) => (
            <Menu.Item key={to} asChild>
              <Link
                to={to}
                className={menuItemClasses}
                activeProps={{ className: "text-indigo-700", "aria-current": "page" }}
                inactiveProps={{ className: "text-slate-700" }}
              >
                <Icon aria-hidden="true" className="size-4.5 shrink-0 opacity-80" />
                {t(label)}
                {badge && <UnreadBadge />}
              </Link>
            </Menu.Item>
          ))}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
