import * as RadixDialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { type ReactNode, useEffect, useRef } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { type FocusOrigin, rememberFocus, restoreFocus } from "./return-focus";

/** Spread on the control a dialog should focus when it opens, where its first field is not the one. */
export const initialFocus = { "data-initial-focus": "" } as const;

const fields =
  'input:not([type="hidden"]):not([disabled]):not([readonly]), select:not([disabled]), textarea:not([disabled]):not([readonly])';
const controls =
  'button:not([disabled]), a[href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

const firstShown = (body: HTMLElement, selector: string) =>
  Array.from(body.querySelectorAll<HTMLElement>(selector)).find(
    (element) => element.getClientRects().length > 0,
  );

/**
 * Where focus starts: the control the dialog marks, else its first field (typing goes into the form), else its
 * first control (Done, a link). Never the close button, which a space typed right away would press. On a phone
 * too: the dialog was opened by a tap on "New contact" and the like, to fill it in, so the keyboard is expected
 * (unlike opening a conversation to read it, where the composer leaves it closed).
 */
const initialTarget = (body: HTMLElement) =>
  firstShown(body, `[data-initial-focus]:is(${controls})`) ??
  firstShown(body, fields) ??
  firstShown(body, controls);

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
 * Whether an Escape belongs to an open suggestion list inside the dialog (a combobox whose list shows): it closes
 * that list only. Radix hears Escape on the document before the field does, while the list is still open.
 */
const closesAList = (event: KeyboardEvent) =>
  event.target instanceof HTMLElement &&
  event.target.getAttribute("role") === "combobox" &&
  event.target.getAttribute("aria-expanded") === "true";

/**
 * A modal with focus trapping, Escape to close and an accessible name (Radix does the hard parts). Opened from
 * state rather than a Radix trigger, so it takes focus back to whatever opened it itself.
 */
export function Dialog({ open, onOpenChange, title, description, size = "md", children }: DialogProps) {
  const { t } = useI18n();
  const opener = useRef<FocusOrigin | null>(null);
  const content = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const waitForContent = useRef<MutationObserver | null>(null);
  useEffect(() => () => waitForContent.current?.disconnect(), []);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 backdrop-blur-[1px]" />
        <RadixDialog.Content
          ref={content}
          className={cx(
            "fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl ring-1 ring-slate-200 focus:outline-none",
            size === "lg" ? "max-w-2xl" : "max-w-md",
          )}
          {...(description ? {} : { "aria-describedby": undefined })}
          onEscapeKeyDown={(event) => {
            if (closesAList(event)) event.preventDefault();
          }}
          onOpenAutoFocus={(event) => {
            // still the control that opened the dialog: focus moves in after this
            opener.current = rememberFocus();
            event.preventDefault();
            const dialog = content.current;
            const scope = body.current;
            if (!dialog || !scope) return;
            const target = initialTarget(scope);
            if (target) {
              target.focus();
              return;
            }
            // still loading: hold focus on the dialog itself, then give it to the form once it is there
            dialog.focus();
            const observer = new MutationObserver(() => {
              if (document.activeElement !== dialog) return observer.disconnect();
              const arrived = initialTarget(scope);
              if (!arrived) return;
              observer.disconnect();
              arrived.focus();
            });
            observer.observe(scope, { childList: true, subtree: true });
            waitForContent.current = observer;
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            waitForContent.current?.disconnect();
            waitForContent.current = null;
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
          <div ref={body} className="mt-5">
            {children}
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
