import { defaultHttpClient, type HttpClient, requestJson } from "../shared/http";
import { asRecord, asString } from "../shared/json";

/** GET /gateway/bot: where this bot should connect (Discord may move it). */
export async function fetchDiscordGatewayUrl(
  apiBase: string,
  botToken: string,
  http: HttpClient = defaultHttpClient(),
): Promise<{ ok: true; url: string } | { ok: false; error: string }> {
  const outcome = await requestJson(http, `${apiBase.replace(/\/+$/, "")}/gateway/bot`, {
    headers: { authorization: `Bot ${botToken}` },
  });
  if (!outcome.reached) return { ok: false, error: outcome.error };
  const url = asString(asRecord(outcome.body)?.url);
  if (outcome.status !== 200 || !url) {
    return {
      ok: false,
      error: `Discord: ${asString(asRecord(outcome.body)?.message) ?? `HTTP ${outcome.status}`}`,
    };
  }
  return { ok: true, url };
}
