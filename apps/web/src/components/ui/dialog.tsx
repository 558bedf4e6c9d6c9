import * as RadixDialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { type ReactNode, useRef } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { type FocusOrigin, rememberFocus, restoreFocus } from "./return-focus";

interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  /** lg for forms with many fields (a contact with custom fields, a deal). */
  size?: "md" | "lg";
  children: ReactNode;
}

/**
 * A modal with focus trapping, Escape to close and an accessible name (Radix does the hard parts). Opened from
 * state rather than a Radix trigger, so it takes focus back to whatever opened it itself.
 */
export function Dialog({ open, onOpenChange, title, description, size = "md", children }: DialogProps) {
  const { t } = useI18n();
  const opener = useRef<FocusOrigin | null>(null);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 backdrop-blur-[1px]" />
        <RadixDialog.Content
          className={cx(
            "fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl ring-1 ring-slate-200 focus:outline-none",
            size === "lg" ? "max-w-2xl" : "max-w-md",
          )}
          {...(description ? {} : { "aria-describedby": undefined })}
          onOpenAutoFocus={() => {
            // still the control that opened the dialog: Radix moves focus in after this
            opener.current = rememberFocus();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            restoreFocus(opener.current);
            opener.current = null;
          }}
        >
          <div className="flex items-start justify-between gap-4">
            <RadixDialog.Title className="text-base font-semibold text-slate-900">{title}</RadixDialog.Title>
            <RadixDialog.Close
              aria-label={t("common.close")}
              className="-mt-1 -mr-2 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            >
              <X aria-hidden="true" className="size-4" />
            </RadixDialog.Close>
          </div>
          {description && (
            <RadixDialog.Description className="mt-1.5 text-sm text-slate-600">
              {description}
            </RadixDialog.Description>
          )}
          <div className="mt-5">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
