import type { SessionEndReason } from "@crm/contracts/realtime/events";
import { isPromotion } from "@crm/domain/auth/team";
import type { Role } from "@crm/domain/shared/permissions";
import { safeRedirect } from "../../lib/redirect";

export type { SessionEndReason };

const reasons: readonly SessionEndReason[] = [
  "logged_out",
  "password_reset",
  "password_changed",
  "signed_out_elsewhere",
  "role_changed",
  "removed",
  "signed_out",
];

/** A reason the login page knows how to say, or undefined. */
export const sessionEndReason = (value: unknown): SessionEndReason | undefined =>
  reasons.find((reason) => reason === value);

/**
 * Why the user's own membership change ends this session, as `membership_changed` tells it: removed, or a role
 * that is not a promotion (the server ends those sessions). Said at once, because a request refused meanwhile
 * (the session is already gone) could otherwise reach login first, knowing only that the session ended.
 */
export function membershipEnd(current: Role, next: Role | null): SessionEndReason | undefined {
  if (next === null) return "removed";
  return next === current || isPromotion(current, next) ? undefined : "role_changed";
}

export interface LoginSearch {
  redirect?: string;
  /** Why the user was sent back to log in, for the login page to say so. */
  reason?: SessionEndReason;
}

/** `validateSearch` of the login page: a safe redirect and a known reason, or neither. */
export const validateLoginSearch = (search: Record<string, unknown>): LoginSearch => ({
  redirect: safeRedirect(search.redirect),
  reason: sessionEndReason(search.reason),
});

export interface SessionEndDeps {
  /** Whether a screen of the signed-in app is shown (the login page deals with a missing session itself). */
  insideApp(): boolean;
  /** The address the user is at: the one shown, not one a navigation under way is heading to. */
  currentHref(): string;
  /** Whether this tab is logging out: the end it hears of is its own, and the logout goes to login itself. */
  signingOut(): boolean;
  toLogin(search: LoginSearch): Promise<unknown>;
}

/**
 * What the app does when it finds the session gone, however many requests fail at once and whether or not the
 * realtime subscription said why first: go to login once, to come back afterwards where the user was. The login
 * page always says the session ended; why, when the server told.
 */
export function createSessionEndHandler(deps: SessionEndDeps): (reason?: SessionEndReason) => void {
  let leaving = false;
  return (reason) => {
    if (leaving || !deps.insideApp() || deps.signingOut()) return;
    leaving = true;
    const redirect = safeRedirect(deps.currentHref());
    const search: LoginSearch = { reason: reason ?? "signed_out" };
    if (redirect) search.redirect = redirect;
    void deps.toLogin(search).finally(() => {
      leaving = false;
    });
  };
}
