import type { UserTypingPayload } from "@crm/domain/realtime/typing";
import { typingTtlMs, userTypingEvent } from "@crm/domain/realtime/typing";
import type { EventBus } from "@crm/domain/shared/events";
import type { Logger } from "@crm/domain/shared/logger";

type Target = Pick<UserTypingPayload, "conversationId" | "userId">;

export interface TypingIndicators {
  /** Announces at most once per `throttleMs` per user and conversation; stops by itself after the TTL. */
  start(organizationId: string, target: Target): Promise<void>;
  stop(organizationId: string, target: Target): Promise<void>;
  close(): void;
}

interface Typing {
  announcedAt: number;
  expiry: NodeJS.Timeout;
}

export function createTypingIndicators(deps: {
  events: EventBus;
  logger: Logger;
  now?: () => Date;
  throttleMs?: number;
  ttlMs?: number;
}): TypingIndicators {
  const now = deps.now ?? (() => new Date());
  const throttleMs = deps.throttleMs ?? 2_000;
  const ttlMs = deps.ttlMs ?? typingTtlMs;
  const typing = new Map<string, Typing>();
  /** Typing announced by another replica (a user's calls may land on any): its stop can come through here. */
  const typingElsewhere = new Map<string, NodeJS.Timeout>();
  const keyOf = (organizationId: string, target: Target) =>
    `${organizationId}:${target.conversationId}:${target.userId}`;

  const forgetElsewhere = (key: string) => {
    clearTimeout(typingElsewhere.get(key));
    typingElsewhere.delete(key);
  };
  const unsubscribe = deps.events.subscribe((event) => {
    if (event.type !== "user_typing") return;
    const payload = event.payload as UserTypingPayload;
    const key = keyOf(event.organizationId, payload);
    if (!payload.isTyping) {
      // stopped, wherever it was announced: this replica neither expires it again nor throttles a restart
      forgetElsewhere(key);
      const current = typing.get(key);
      if (current) clearTimeout(current.expiry);
      typing.delete(key);
    } else if (!typing.has(key)) {
      forgetElsewhere(key);
      const expiry = setTimeout(() => typingElsewhere.delete(key), ttlMs);
      expiry.unref();
      typingElsewhere.set(key, expiry);
    }
  });

  async function announce(organizationId: string, target: Target, isTyping: boolean): Promise<void> {
    await deps.events.publish(userTypingEvent(organizationId, target, isTyping, now()));
  }

  async function stop(organizationId: string, target: Target): Promise<void> {
    const key = keyOf(organizationId, target);
    const current = typing.get(key);
    if (!current && !typingElsewhere.has(key)) return;
    if (current) clearTimeout(current.expiry);
    typing.delete(key);
    forgetElsewhere(key);
    await announce(organizationId, target, false);
  }

  return {
    async start(organizationId, target) {
      const key = keyOf(organizationId, target);
      const current = typing.get(key);
      if (current) clearTimeout(current.expiry);
      const expiry = setTimeout(() => {
        stop(organizationId, target).catch((err: unknown) =>
          deps.logger.warn({ err }, "could not announce that typing stopped"),
        );
      }, ttlMs);
      expiry.unref();
      const at = now().getTime();
      const shouldAnnounce = !current || at - current.announcedAt >= throttleMs;
      typing.set(key, { announcedAt: shouldAnnounce ? at : (current?.announcedAt ?? at), expiry });
      if (shouldAnnounce) await announce(organizationId, target, true);
    },
    stop,
    close() {
      unsubscribe();
      for (const { expiry } of typing.values()) clearTimeout(expiry);
      typing.clear();
      for (const expiry of typingElsewhere.values()) clearTimeout(expiry);
      typingElsewhere.clear();
    },
  };
}
