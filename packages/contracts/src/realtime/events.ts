import { z } from "zod";
import { membershipChangedPayload, organizationUpdatedPayload, teamUpdatedPayload } from "../auth/events";
import { contactUpdatedPayload } from "../contacts/events";
import {
  conversationAccessLostPayload,
  conversationAssignedPayload,
  conversationUpdatedPayload,
  messageStatusPayload,
  messageUpdatedPayload,
  newMessagePayload,
} from "../conversations/events";
import { dealUpdatedPayload } from "../deals/events";
import { paymentProvider, paymentStatus } from "../payments/payment";
import { id, timestamp } from "../shared/common";
import { notificationEventPayload, notificationsReadPayload } from "./notification";
import { conversationReadPayload } from "./read-state";
import { userTypingPayload } from "./typing";

/** The realtime `payment_status` event: a payment moved on (paid, failed, expired, refunded). */
export const paymentStatusEventPayload = z.object({
  paymentId: id,
  dealId: id.nullable().describe("The deal the payment link was sent for"),
  provider: paymentProvider,
  status: paymentStatus,
  amount: z.string().describe('Decimal string: "1234.56"'),
  refundedAmount: z.string().describe("Decimal string; 0 unless refunded"),
  currency: z.string().describe("ISO 4217 code"),
});

export const resyncRequiredPayload = z.object({
  reason: z
    .enum(["expired", "overflow", "interrupted"])
    .describe(
      "expired: the last event id is unknown or older than the replay window; overflow: too far behind; " +
        "interrupted: the server stopped hearing events for a moment (its Redis connection dropped)",
    ),
});

/**
 * The last event of a subscription whose credential is gone; it then ends. Sign in again. A subscription refused
 * when it starts, for want of a live session, says the same in its error's `data.sessionEnded`.
 */
export const sessionEndedPayload = z.object({
  reason: z
    .enum([
      "logged_out",
      "password_reset",
      "password_changed",
      "signed_out_elsewhere",
      "role_changed",
      "removed",
      "signed_out",
    ])
    .describe(
      "logged_out: this session was logged out (auth.logout), e.g. in another tab of the same browser; password_reset: the user's password was reset, which ends all their sessions; password_changed: the user changed their password in another session, which ends all the others (auth.changePassword); signed_out_elsewhere: the user signed out their other sessions from another one (auth.signOutOtherSessions); role_changed: the user's role changed; removed: the user was removed from the organization; signed_out: any other end (expired, API key revoked) or no valid session at all",
    ),
});

export type SessionEndReason = z.infer<typeof sessionEndedPayload>["reason"];

const serverEvent = <T extends string, P extends z.ZodType>(type: T, payload: P) =>
  z.object({ type: z.literal(type), occurredAt: timestamp, payload });

/**
 * Every server event of the `realtime.events` subscription, discriminated by `type`. The client must refetch
 * what it shows after `resync_required`: events were missed; after `session_ended` the subscription ends.
 */
export const realtimeEvent = z.discriminatedUnion("type", [
  serverEvent(
    "new_message",
    newMessagePayload.extend({
      unread: z
        .number()
        .int()
        .min(0)
        .describe("Inbound messages: the receiving user's unread messages in the conversation now")
        .optional(),
    }),
  ),
  serverEvent("message_updated", messageUpdatedPayload),
  serverEvent("message_status", messageStatusPayload),
  serverEvent(
    "conversation_updated",
    conversationUpdatedPayload.extend({
      unread: z.number().int().min(0).describe("The receiving user's unread messages in it").optional(),
    }),
  ),
  serverEvent("conversation_assigned", conversationAssignedPayload),
  serverEvent("conversation_access_lost", conversationAccessLostPayload),
  serverEvent("deal_updated", dealUpdatedPayload),
  serverEvent("contact_updated", contactUpdatedPayload),
  serverEvent("payment_status", paymentStatusEventPayload),
  serverEvent("user_typing", userTypingPayload),
  serverEvent("notification", notificationEventPayload),
  serverEvent("notifications_read", notificationsReadPayload),
  serverEvent("conversation_read", conversationReadPayload),
  serverEvent("membership_changed", membershipChangedPayload),
  serverEvent("organization_updated", organizationUpdatedPayload),
  serverEvent("team_updated", teamUpdatedPayload),
  serverEvent("resync_required", resyncRequiredPayload),
  serverEvent("session_ended", sessionEndedPayload),
]);

export type RealtimeEvent = z.infer<typeof realtimeEvent>;
export type RealtimeEventType = RealtimeEvent["type"];

export const realtimeEventsInput = z
  .object({
    lastEventId: z
      .string()
      .max(40)
      .nullish()
      .describe(
        "Resume after this event id (wsLink sends it on reconnect): missed events are replayed first",
      ),
  })
  .optional();
