import type { PaymentStatus } from "./model";

/**
 * Statuses only move forward: a late `pending` never undoes `paid`. A failed attempt may still be followed
 * by a successful one on the same link; failure and expiry are final for each other.
 */
const rank: Record<PaymentStatus, number> = { pending: 0, failed: 1, expired: 1, paid: 2, refunded: 3 };

export const canMoveTo = (from: PaymentStatus, to: PaymentStatus): boolean => rank[to] > rank[from];
