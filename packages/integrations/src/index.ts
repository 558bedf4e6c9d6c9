export * from "./adapters";
export { createDiscordAdapter } from "./discord/adapter";
export {
  compareSnowflakes,
  type DiscordMessagesPage,
  discordMessagesPageSize,
  fetchDiscordMessagesAfter,
} from "./discord/channel-messages";
export {
  connectDiscordGateway,
  type DiscordGatewayClient,
  type DiscordGatewayOptions,
  discordIntents,
  type GatewayDispatch,
  type GatewayState,
  inboxIntents,
} from "./discord/gateway";
export { fetchDiscordGatewayUrl } from "./discord/gateway-url";
export { parseDiscordPayload, snowflakeTime } from "./discord/parse";
export { createCredentialCipher } from "./encryption/credential-cipher";
export {
  EncryptionKeyError,
  type EncryptionKeySource,
  parseEncryptionKey,
  resolveEncryptionKey,
} from "./encryption/encryption-key";
export { createSlackAdapter, slackReplayWindowSeconds } from "./slack/adapter";
export { parseSlackEvent, slackMessageId, slackTs } from "./slack/parse";
export { createTelegramAdapter } from "./telegram/adapter";
export {
  parseTelegramUpdate,
  telegramBotId,
  telegramEventBot,
  telegramEventId,
  telegramMessageBot,
  telegramMessageId,
  telegramMessageNumber,
} from "./telegram/parse";
export { createWhatsAppAdapter } from "./whatsapp/adapter";
export { parseWhatsAppWebhook } from "./whatsapp/parse";
export { splitWhatsAppWebhook } from "./whatsapp/routing";
