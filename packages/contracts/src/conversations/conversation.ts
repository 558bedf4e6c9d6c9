import { z } from "zod";
import { booleanParam } from "../deals/deal";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";
import { expectedUpdatedAt } from "../shared/precondition";
import { syncSortDescription, updatedRangeInput } from "../shared/sync";

export const conversationChannel = z
  .enum(["whatsapp", "telegram", "slack", "discord"])
  .describe("The messaging channel: whatsapp, telegram, slack or discord");

export const conversationStatus = z
  .enum(["open", "pending", "snoozed", "closed"])
  .describe("open, pending (waiting on the customer), snoozed (until snoozedUntil) or closed");

export const contactSummary = z
  .object({
    id,
    name: z.string(),
    phone: z.string().nullable().describe("E.164"),
    email: z.string().nullable(),
  })
  .describe("Who the conversation is with");

export const conversation = z.object({
  id,
  channel: conversationChannel,
  status: conversationStatus,
  snoozedUntil: timestamp.nullable().describe("When a snoozed conversation wakes up; null unless snoozed"),
  contact: contactSummary.nullable(),
  assignee: z
    .object({ id, name: z.string() })
    .nullable()
    .describe("The user handling it; null when unassigned"),
  integrationId: id.nullable().describe("The channel integration messages are sent through"),
  unreadCount: z.number().int().describe("Customer messages not read by the team yet"),
  lastMessageAt: timestamp
    .nullable()
    .describe("Newest message (either direction); null before the first one"),
  lastInboundAt: timestamp
    .nullable()
    .describe("The customer's newest message; on WhatsApp, free text is allowed for 24 hours after it"),
  lastMessagePreview: z.string().nullable().describe("One line of the newest message"),
  createdAt: timestamp,
  updatedAt: timestamp,
});
/** In the inbox list, the signed-in user's own unread count beside the team's. */
export const conversationListItem = conversation.extend({
  unread: z
    .number()
    .int()
    .min(0)
    .describe("Inbound messages after your own last read (mark-as-read); absent for API keys")
    .optional(),
  lastMessageFailed: z
    .boolean()
    .describe(
      "The newest message (private notes aside) is one the team sent that the channel refused (failed)",
    )
    .optional(),
});
export const conversationPage = pageOf(conversationListItem);

export const listConversationsInput = z.object({
  ...pageInput,
  status: conversationStatus.optional(),
  assignee: z.string().max(36).describe('"me", "unassigned" or a user id').optional(),
  channel: conversationChannel.optional(),
  contactId: id.describe("Only this contact's conversations").optional(),
  unread: booleanParam
    .describe(
      "Only conversations with messages you have not read (true) or without (false): the `unread` each row " +
        "shows you; an API key, which reads nothing, goes by the team's `unreadCount`",
    )
    .optional(),
  ...updatedRangeInput,
  sort: z
    .enum(["activity", "updatedAt"])
    .optional()
    .describe(`activity: newest activity first (the inbox, the default); ${syncSortDescription}`),
});

export const conversationCountsInput = z.object({
  status: conversationStatus.describe("Count only this status; absent: every status, as the list").optional(),
  channel: conversationChannel.optional(),
});

const count = z.number().int().min(0);
export const conversationCounts = z
  .object({
    mine: count.describe("Assigned to you (0 for an API key)"),
    unassigned: count.describe("Assigned to nobody"),
    all: count.describe("Every conversation you may see: for agents, yours and the unassigned ones"),
    unread: count.describe(
      "Of those, the open or pending ones (never closed or snoozed) with messages you have not read, by your " +
        "own reads as the list's `unread`: the inbox badge. An API key, which reads nothing, gets those whose " +
        "team `unreadCount` is above 0",
    ),
  })
  .describe(
    "How many conversations each assignee filter of the list holds, with the same status and channel",
  );

export const createConversationInput = strictInput({
  contactId: id.describe("The contact to write to"),
  integrationId: id.describe("An active WhatsApp, Telegram or Slack integration to write through"),
  assignedTo: id.nullable().describe("Assign it at once (needs conversations:assign)").optional(),
});

export const updateConversationInput = strictInput({
  id,
  status: conversationStatus.optional(),
  snoozedUntil: timestamp.describe('Required with status "snoozed"; must be in the future').optional(),
  assignedTo: id
    .nullable()
    .describe("A user who can answer conversations, or null to unassign (needs conversations:assign)")
    .optional(),
  expectedUpdatedAt,
});
