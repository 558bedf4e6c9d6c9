import type { DeliveryStatus } from "../integrations/channel";

/** Payloads of the inbox's domain events; the realtime layer delivers them to browsers. */
export interface ConversationEventPayloads {
  new_message: {
    conversationId: string;
    messageId: string;
    direction: "inbound" | "outbound";
    isPrivate: boolean;
    /**
     * An inbound message's conversation's assignee once it arrived. An inbound message into an open conversation
     * is announced by this event alone (no `conversation_updated`): it carries what the others need to know.
     */
    assignedTo?: string | null;
  };
  message_updated: { conversationId: string; messageId: string; deleted: boolean };
  message_status: { conversationId: string; messageId: string; status: DeliveryStatus; error: string | null };
  conversation_updated: {
    conversationId: string;
    status: "open" | "pending" | "snoozed" | "closed";
    assignedTo: string | null;
    lastMessageAt: string | null;
    /** true when the conversation was deleted with its messages */
    deleted?: boolean;
  };
  conversation_assigned: {
    conversationId: string;
    assignedTo: string | null;
    previousAssignee: string | null;
    /** true when the conversation was started with this assignee: it had no previous one to lose it */
    created?: boolean;
    /** Who assigned it: a user (the member themself for a claim or release), or null for an API key. */
    assignedBy?: string | null;
    /** The API key that assigned it (then `assignedBy` is null); absent when a user did. */
    assignedByApiKeyId?: string | null;
  };
}

export type ConversationEventType = keyof ConversationEventPayloads;
