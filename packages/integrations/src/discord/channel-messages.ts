import { defaultHttpClient, type HttpClient, requestJson } from "../shared/http";
import { asNumber, asRecord, asString, type JsonRecord } from "../shared/json";

/** The most GET /channels/{id}/messages answers at once. */
export const discordMessagesPageSize = 100;

export type DiscordMessagesPage =
  /** Oldest first; `more` when the page was full, so newer ones may follow. */
  | { ok: true; messages: JsonRecord[]; more: boolean }
  /** `retryAfterMs` only for a 429: how long Discord asks us to wait before asking again. */
  | { ok: false; status: number | undefined; error: string; retryAfterMs?: number };

/** Snowflakes as numbers: "1000" is newer than "999". */
export function compareSnowflakes(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Discord's body says it in seconds with a fraction; the Retry-After header in whole seconds. */
function retryAfterMs(body: unknown, headers: Headers): number {
  const seconds = asNumber(asRecord(body)?.retry_after) ?? Number(headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : 1000;
}

/**
 * GET /channels/{id}/messages?after=&limit=100: the messages that follow `after` in the channel. Discord
 * answers them newest first; they come back oldest first, ready to be stored in order. Never throws.
 */
export async function fetchDiscordMessagesAfter(
  apiBase: string,
  botToken: string,
  channelId: string,
  after: string,
  http: HttpClient = defaultHttpClient(),
): Promise<DiscordMessagesPage> {
  const query = new URLSearchParams({ after, limit: String(discordMessagesPageSize) });
  const url = `${apiBase.replace(/\/+$/, "")}/channels/${encodeURIComponent(channelId)}/messages?${query}`;
  const outcome = await requestJson(http, url, { headers: { authorization: `Bot ${botToken}` } });
  if (!outcome.reached) return { ok: false, status: undefined, error: outcome.error };
  const { status, body, headers } = outcome;
  if (status !== 200 || !Array.isArray(body)) {
    const answer = asRecord(body);
    const message = asString(answer?.message) ?? `HTTP ${status}`;
    const code = asNumber(answer?.code);
    return {
      ok: false,
      status,
      error: code ? `Discord: ${message} (code ${code})` : `Discord: ${message}`,
      ...(status === 429 && { retryAfterMs: retryAfterMs(body, headers) }),
    };
  }
  const messages = body.flatMap((item) => {
    const message = asRecord(item);
    const id = asString(message?.id);
    return message && id && /^\d{1,20}$/.test(id) ? [{ id, message }] : [];
  });
  messages.sort((a, b) => compareSnowflakes(a.id, b.id));
  return {
    ok: true,
    messages: messages.map(({ message }) => message),
    more: body.length >= discordMessagesPageSize,
  };
}
