import { Outlet, useMatches } from "@tanstack/react-router";
import { Brand } from "../../components/brand";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { useTitleCount } from "../../lib/use-document-title";
import { NotificationBell } from "../notifications/notification-bell";
import { ConnectionIndicator } from "../realtime/connection-indicator";
import { useRealtimeEvents } from "../realtime/use-realtime-events";
import { HeaderNav } from "./header-nav";
import { SidebarNav } from "./sidebar-nav";
import { useUnreadConversations } from "./unread-conversations";
import { UserMenu } from "./user-menu";

export function AppShell() {
  const { t } = useI18n();
  useRealtimeEvents();
  // the tab tells of unread conversations from any page: "(3) Negócios · CRM Manager"
  useTitleCount(useUnreadConversations());
  const wide = useMatches({ select: (matches) => matches.some((match) => match.staticData.wide === true) });
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        {t("nav.skipToContent")}
      </a>

      <aside className="fixed inset-y-0 left-0 hidden w-64 flex-col border-r border-slate-200 bg-white lg:flex">
        <div className="flex items-center justify-between gap-2 py-5 pr-3 pl-5">
          <Brand />
          <NotificationBell placement="sidebar" />
        </div>
        <div className="flex-1 overflow-y-auto px-3">
          <SidebarNav />
        </div>
        <div className="border-t border-slate-200 p-3">
          <UserMenu />
        </div>
      </aside>

      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white lg:hidden">
        <div className="flex items-center justify-between px-4 py-3">
          <Brand />
          <div className="flex items-center gap-1">
            <NotificationBell placement="header" />
            <div className="w-12">
              <UserMenu compact />
            </div>
          </div>
        </div>
        <HeaderNav />
      </header>

      <main id="main" tabIndex={-1} className="focus:outline-none lg:pl-64">
        <div className={cx("mx-auto px-4 py-8 sm:px-8 lg:py-10", wide ? "max-w-none" : "max-w-5xl")}>
          <Outlet />
        </div>
      </main>
      <ConnectionIndicator />
    </div>
  );
}
