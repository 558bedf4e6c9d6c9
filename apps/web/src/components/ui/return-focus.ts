/** Where focus was when a dialog opened, so that closing it can take focus back (our dialogs have no trigger). */
export interface FocusOrigin {
  element: HTMLElement;
  /** Its boxes, nearest first: where focus goes when the dialog's action took the control away. */
  ancestors: HTMLElement[];
  /** The page's controls at that moment, in document order: the one after the origin is the natural next. */
  controls: HTMLElement[];
}

const tabbable =
  'button:not([disabled]), a[href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

const shown = (element: HTMLElement) => element.isConnected && element.getClientRects().length > 0;

/** How long after closing a removal of the control (a list refetched after the action) still moves focus on. */
const followRemovalMs = 5_000;

export function rememberFocus(): FocusOrigin | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return null;
  const ancestors: HTMLElement[] = [];
  for (let box = active.parentElement; box && box !== document.body; box = box.parentElement) {
    ancestors.push(box);
  }
  return {
    element: active,
    ancestors,
    controls: Array.from(document.querySelectorAll<HTMLElement>(tabbable)),
  };
}

/**
 * The control that stands in for a removed one: in the nearest box still shown that has one, the control that
 * followed it (the next row's), else the one before it, else the box's first control (a Reopen that replaced
 * Lost).
 */
function standIn(origin: FocusOrigin): HTMLElement | undefined {
  const index = origin.controls.indexOf(origin.element);
  for (const box of origin.ancestors.filter(shown)) {
    const inBox = (element: HTMLElement) =>
      element !== origin.element && shown(element) && box.contains(element);
    const found =
      origin.controls.slice(index + 1).find(inBox) ??
      origin.controls.slice(0, Math.max(index, 0)).reverse().find(inBox) ??
      Array.from(box.querySelectorAll<HTMLElement>(tabbable)).find(shown);
    if (found) return found;
  }
  return undefined;
}

const focusLost = () => document.activeElement === null || document.activeElement === document.body;

/**
 * Focus back on the opening control, or on its stand-in when the dialog's action removed it. The control can
 * also go a moment later (the list the action changed is read again): focus then follows to its stand-in,
 * unless the user has moved it meanwhile.
 */
export function restoreFocus(origin: FocusOrigin | null): void {
  if (!origin) return;
  if (!shown(origin.element)) {
    standIn(origin)?.focus();
    return;
  }
  origin.element.focus();
  const observer = new MutationObserver(() => {
    if (origin.element.isConnected && document.activeElement === origin.element) return;
    observer.disconnect();
    if (focusLost()) standIn(origin)?.focus();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), followRemovalMs);
}
