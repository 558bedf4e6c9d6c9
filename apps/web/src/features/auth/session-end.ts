import type { SessionEndReason } from "@crm/contracts/realtime/events";
import { safeRedirect } from "../../lib/redirect";

export type { SessionEndReason };

const reasons: readonly SessionEndReason[] = ["signed_out", "role_changed", "removed"];

export interface LoginSearch {
  redirect?: string;
  /** Why the user was sent back to log in, for the login page to say so. */
  reason?: SessionEndReason;
}

/** `validateSearch` of the login page: a safe redirect and a known reason, or neither. */
export const validateLoginSearch = (search: Record<string, unknown>): LoginSearch => ({
  redirect: safeRedirect(search.redirect),
  reason: reasons.find((reason) => reason === search.reason),
});

export interface SessionEndDeps {
  /** Whether a screen of the signed-in app is shown (the login page deals with a missing session itself). */
  insideApp(): boolean;
  /** The address the user is at: the one shown, not one a navigation under way is heading to. */
  currentHref(): string;
  toLogin(search: LoginSearch): Promise<unknown>;
}

/**
 * What the app does when it finds the session gone, however many requests fail at once and whether or not the
 * realtime subscription said why first: go to login once, to come back afterwards where the user was.
 */
export function createSessionEndHandler(deps: SessionEndDeps): (reason?: SessionEndReason) => void {
  let leaving = false;
  return (reason) => {
    if (leaving || !deps.insideApp()) return;
    leaving = true;
    const redirect = safeRedirect(deps.currentHref());
    const search: LoginSearch = {};
    if (redirect) search.redirect = redirect;
    if (reason) search.reason = reason;
    void deps.toLogin(search).finally(() => {
      leaving = false;
    });
  };
}
