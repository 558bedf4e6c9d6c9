import * as Dialog from "@radix-ui/react-dialog";
import { Bell, X } from "lucide-react";
import { useRef, useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { unreadCountOf } from "./notification-cache";
import { NotificationPanel } from "./notification-panel";
import { useNotifications } from "./use-notifications";

const panelPlacement = {
  // beside the sidebar on wide screens
  sidebar: "top-4 left-[16.75rem] w-96",
  // under the header on a phone, nearly its full width
  header: "inset-x-2 top-16 sm:left-auto sm:w-96",
} as const;

/**
 * The bell with the unread count; it opens the newest notifications. Escape or the close button hand focus back
 * to the bell; opening a notification leaves it to the page that opens.
 */
export function NotificationBell({ placement }: { placement: keyof typeof panelPlacement }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const navigated = useRef(false);
  const count = unreadCountOf(useNotifications().data);

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (next) navigated.current = false;
        setOpen(next);
      }}
    >
      <Dialog.Trigger
        aria-label={t("notifications.open", { count })}
        className="relative flex size-9 shrink-0 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[state=open]:bg-slate-100"
      >
        <Bell aria-hidden="true" className="size-5" />
        {count > 0 && (
          <span
            aria-hidden="true"
            className="absolute -top-0.5 -right-0.5 flex h-4.5 min-w-4.5 items-center justify-center rounded-full bg-red-600 px-1 text-[0.6875rem] leading-none font-semibold text-white ring-2 ring-white"
          >
            {count > 99 ? "99+" : count}
          </span>
        )}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/10" />
        <Dialog.Content
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            if (navigated.current) event.preventDefault();
          }}
          className={cx(
            "fixed z-50 flex max-h-[min(36rem,calc(100dvh-5rem))] flex-col rounded-xl bg-white shadow-xl ring-1 ring-slate-200 focus:outline-none",
            panelPlacement[placement],
          )}
        >
          <div className="flex items-center justify-between gap-3 px-4 pt-3 pb-1">
            <Dialog.Title className="text-base font-semibold text-slate-900">
              {t("notifications.title")}
            </Dialog.Title>
            <Dialog.Close
              aria-label={t("common.close")}
              className="-mr-1.5 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            >
              <X aria-hidden="true" className="size-4" />
            </Dialog.Close>
          </div>
          <NotificationPanel
            onOpen={() => {
              navigated.current = true;
              setOpen(false);
            }}
          />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
