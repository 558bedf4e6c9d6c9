import type { Clock } from "../auth/ports";
import type { EventBus } from "../shared/events";
import type { Page, PageRequest } from "../shared/pagination";
import type { Role } from "../shared/permissions";
import type { NewNotification, UserNotification } from "./model";

export interface NotificationRepository {
  /**
   * Creates the notification unless this user already has one for `sourceKey` (the event that caused it);
   * returns it only when this call created it, so concurrent listeners publish it once.
   */
  createOnce(
    organizationId: string,
    userId: string,
    sourceKey: string,
    notification: NewNotification,
  ): Promise<UserNotification | undefined>;
  list(
    organizationId: string,
    userId: string,
    filter: { unreadOnly: boolean },
    page: PageRequest,
  ): Promise<Page<UserNotification>>;
  /** Marks the given ones (or all) read; returns how many changed. */
  markRead(organizationId: string, userId: string, ids: string[] | "all", at: Date): Promise<number>;
  countUnread(organizationId: string, userId: string): Promise<number>;
}

export interface PrivateNote {
  conversationId: string;
  /** The conversation's assignee now: an agent mentioned in a conversation they may not see is not told. */
  assignedTo: string | null;
  content: string;
  senderId: string | null;
}

export interface Mentionable {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** What the mention rule reads from other contexts. */
export interface MentionSources {
  findPrivateNote(organizationId: string, messageId: string): Promise<PrivateNote | undefined>;
  listMembers(organizationId: string): Promise<Mentionable[]>;
}

export interface NotificationsDeps {
  notifications: NotificationRepository;
  mentions: MentionSources;
  events: EventBus;
  clock: Clock;
}
