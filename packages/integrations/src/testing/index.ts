export * from "./fake-discord";
export type { FakeDiscordGateway } from "./fake-discord-gateway";
export * from "./fake-mercadopago";
export * from "./fake-server";
export * from "./fake-slack";
export * from "./fake-stripe";
export * from "./fake-telegram";
export * from "./fake-whatsapp";
