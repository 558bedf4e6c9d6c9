import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/*
 * Appending and announcing happen in one script, so the order of messages on the feed channel is the order of
 * the stream's ids: a subscriber that has delivered id N can safely drop anything <= N it sees later.
 * The feed message is "<id>\n<event json>". The stream keeps `maxLen` entries (approximately) and nothing older
 * than the window; an organization that stays quiet has its stream expire.
 */
const trimAndAnnounce = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('XTRIM', KEYS[1], 'MINID', '~', tostring(now - tonumber(ARGV[3])))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
redis.call('PUBLISH', ARGV[4], id .. '\\n' .. ARGV[1])
`;

/** KEYS: stream. ARGV: event json, maxLen, windowMs, feed channel, domain channel. Returns the id. */
export const appendScript = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'e', ARGV[1])
${trimAndAnnounce}
redis.call('PUBLISH', ARGV[5], '{"realtimeId":"' .. id .. '",' .. string.sub(ARGV[1], 2))
return id
`;

/**
 * For an event published by a bus that does not append (an older worker): every replica hears it and races to
 * claim its digest; the one that wins appends it. KEYS: stream, claim key. ARGV: as above, without the domain
 * channel. Returns the id, or false when another replica already appended it.
 */
export const appendOnceScript = `
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', tonumber(ARGV[3]) * 2) then return false end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'e', ARGV[1])
${trimAndAnnounce}
return id
`;

/**
 * KEYS: stream. ARGV: after id, windowMs, max entries. Returns {1, entries} to replay, or {0, latest id or ''}
 * when the id is older than the window, not (or no longer) in the stream, or too far behind.
 */
export const sinceScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local latest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local latestId = ''
if latest[1] then latestId = latest[1][1] end
local ms = tonumber(string.match(ARGV[1], '^(%d+)%-%d+$'))
if ms == nil or ms < now - tonumber(ARGV[2]) then return {0, latestId} end
if #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1]) == 0 then return {0, latestId} end
local entries = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+', 'COUNT', tonumber(ARGV[3]) + 1)
if #entries > tonumber(ARGV[3]) then return {0, latestId} end
return {1, entries}
`;

/**
 * KEYS: stream. ARGV: after id, windowMs, maxLen. Returns {keptSince, entries after the id}: the window's start,
 * or the first entry's time when the length cap (not the window) may have dropped entries.
 */
export const keptAfterScript = `
local t = redis.call('TIME')
local keptSince = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[2])
if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[3]) then
  local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
  local ms = tonumber(string.match(first[1][1], '^(%d+)%-'))
  if ms > keptSince then keptSince = ms end
end
return {keptSince, redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+')}
`;

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** EVALSHA, loading the script on the first NOSCRIPT (after a Redis restart too). */
export function scriptRunner(redis: Redis, script: string) {
  const digest = sha1(script);
  return async (keys: string[], args: Array<string | number>): Promise<unknown> => {
    try {
      return await redis.evalsha(digest, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
      return redis.eval(script, keys.length, ...keys, ...args);
    }
  };
}

export const digestOf = sha1;
