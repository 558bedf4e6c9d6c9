import type { Logger, StoredIntegration, ThreadCursorRepository } from "@crm/domain";
import { fetchDiscordMessagesAfter, type GatewayDispatch } from "@crm/integrations";

export interface DiscordBackfillOptions {
  /** Pages of 100 read per channel at most (default 10). */
  maxPages?: number;
  /** The longest 429 wait we sit out; a longer one ends the backfill (default 60 s). */
  maxRetryAfterMs?: number;
}

export interface DiscordBackfillDeps {
  threadCursors: ThreadCursorRepository;
  apiBase: string;
  logger: Logger;
  /** The path of a Gateway MESSAGE_CREATE, with its parsing and its dedup by event id. */
  store(integration: StoredIntegration, dispatch: GatewayDispatch): Promise<void>;
  options?: DiscordBackfillOptions | undefined;
}

const rateLimitRetries = 3;
/**
 * A message Discord created after the new session began reaches us live, and counting it as read could hide
 * older ones the gap swallowed; the margin covers a clock of ours running ahead of Discord's.
 */
const clockMarginMs = 60_000;

class RateLimited extends Error {}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

/**
 * A new Gateway session (READY, not RESUMED) does not replay what was written while no session was open:
 * read each known channel's history after the newest message we hold, and store it as the Gateway would
 * have, oldest first. Storing twice is a no-op, so messages the live session also delivers are kept once.
 * Never throws: a failure is logged and the live connection carries on.
 */
export async function backfillDiscord(
  deps: DiscordBackfillDeps,
  integration: StoredIntegration,
  botToken: string,
  sessionStartedAt: Date,
  signal: AbortSignal,
): Promise<void> {
  const maxPages = deps.options?.maxPages ?? 10;
  const maxRetryAfterMs = deps.options?.maxRetryAfterMs ?? 60_000;
  const where = { integrationId: integration.id, organizationId: integration.organizationId };
  let read = 0;

  async function page(channelId: string, after: string) {
    for (let attempt = 1; ; attempt++) {
      const answer = await fetchDiscordMessagesAfter(deps.apiBase, botToken, channelId, after);
      if (answer.ok || answer.retryAfterMs === undefined) return answer;
      if (attempt > rateLimitRetries || answer.retryAfterMs > maxRetryAfterMs)
        throw new RateLimited(answer.error);
      deps.logger.info(
        { ...where, channelId, retryAfterMs: answer.retryAfterMs },
        "Discord backfill rate limited; waiting",
      );
      await pause(answer.retryAfterMs, signal);
      if (signal.aborted) return undefined;
    }
  }

  async function channel(channelId: string, afterMessageId: string) {
    let after = afterMessageId;
    for (let pages = 0; pages < maxPages; pages++) {
      const answer = await page(channelId, after);
      if (!answer || signal.aborted) return;
      if (!answer.ok) {
        // no access to the channel any more, or it is gone: the others may still be read
        deps.logger.warn(
          { ...where, channelId, status: answer.status, error: answer.error },
          "Discord backfill skipped a channel",
        );
        return;
      }
      for (const message of answer.messages) {
        if (signal.aborted) return;
        await deps.store(integration, { op: 0, t: "MESSAGE_CREATE", s: 0, d: message });
        read += 1;
      }
      const last = answer.messages.at(-1)?.id;
      if (!answer.more || typeof last !== "string") return;
      after = last;
    }
    deps.logger.warn(
      { ...where, channelId, maxPages, after },
      "Discord backfill stopped at its page cap; messages after this id are not recovered",
    );
  }

  try {
    const sentBefore = new Date(sessionStartedAt.getTime() - clockMarginMs);
    const cursors = await deps.threadCursors.listByIntegration(
      integration.organizationId,
      integration.id,
      "discord",
      sentBefore,
    );
    for (const cursor of cursors) {
      if (signal.aborted) return;
      await channel(cursor.threadId, cursor.afterMessageId);
    }
    deps.logger.info({ ...where, channels: cursors.length, read }, "Discord backfill done");
  } catch (err) {
    if (err instanceof RateLimited)
      deps.logger.warn(
        { ...where, error: err.message },
        "Discord backfill rate limited for too long; stopped",
      );
    else
      deps.logger.error(
        { ...where, err },
        "Discord backfill failed; messages written while disconnected may be missing",
      );
  }
}
