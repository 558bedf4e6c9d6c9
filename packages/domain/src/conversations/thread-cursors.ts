import type { Channel } from "../integrations";

/** Where to read a thread's history from again: the provider's id of a message we already hold. */
export interface ThreadCursor {
  threadId: string;
  afterMessageId: string;
}

export interface ThreadCursorRepository {
  /**
   * For each conversation of the integration on a channel whose message ids are numbers (Discord's snowflakes),
   * the newest inbound message sent before `sentBefore` (compared as numbers); without one, the oldest message
   * of any direction. A reply of ours must not serve: it may postdate customer messages we never saw, and so
   * may a message newer than `sentBefore`. Conversations without a stored message are left out.
   */
  listByIntegration(
    organizationId: string,
    integrationId: string,
    channel: Channel,
    sentBefore: Date,
  ): Promise<ThreadCursor[]>;
}
