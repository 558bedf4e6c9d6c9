import type { Redis } from "ioredis";

/**
 * What `REDIS_CHANNEL_PREFIX` may hold: a name, joined to the channel names with `:`. Not `db<n>`, which on
 * database 0 would name the channels of the deployment on database n.
 */
export const channelPrefixPattern = /^(?!db\d+$)[A-Za-z0-9_.-]{1,64}$/;
export const channelPrefixRule =
  "may hold only letters, digits, '_', '-' and '.' (at most 64) and may not be db<number>, e.g. staging";

/**
 * What goes before every pub/sub channel name. Keys belong to one database index, but channels are global to
 * the Redis server: deployments on `redis://host/1` and `redis://host/2` would otherwise hear each other's events
 * and revocations. So channels carry the database index (`db2:crm:events`), and `REDIS_CHANNEL_PREFIX` in front
 * for deployments that share one index. Database 0 stays unprefixed: it is where every earlier release published,
 * so during a rolling upgrade its old and new replicas keep hearing each other.
 */
export function channelNamespace(databaseIndex: number, configuredPrefix?: string): string {
  const deployment = configuredPrefix ? `${configuredPrefix}:` : "";
  const database = databaseIndex === 0 ? "" : `db${databaseIndex}:`;
  return `${deployment}${database}`;
}

/** The database index a client selects, from its URL's path (`/3`) or `?db=3`; 0 when it names none. */
export function databaseIndexOf(client: Redis): number {
  return client.options.db ?? 0;
}
