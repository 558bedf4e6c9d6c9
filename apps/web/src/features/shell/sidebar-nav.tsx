import { Link } from "@tanstack/react-router";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { navItems } from "./nav-items";

const itemClasses =
  "flex shrink-0 items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors";
const activeClasses = "bg-indigo-50 text-indigo-700";
const inactiveClasses = "text-slate-600 hover:bg-slate-100 hover:text-slate-900";

export function SidebarNav({ orientation }: { orientation: "vertical" | "horizontal" }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t("nav.label")}>
      <ul className={cx("flex gap-1", orientation === "vertical" ? "flex-col" : "overflow-x-auto px-4 pb-2")}>
        {navItems.map(({ to, label, icon: Icon }) => (
          <li key={to}>
            <Link
              to={to}
              className={itemClasses}
              activeProps={{ className: activeClasses, "aria-current": "page" }}
              inactiveProps={{ className: inactiveClasses }}
            >
              <Icon aria-hidden="true" className="size-4.5 shrink-0 opacity-80" />
              {t(label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
