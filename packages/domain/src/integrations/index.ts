export * from "./channel";
export * from "./config";
export * from "./credentials";
export * from "./integrations";
export * from "./model";
export * from "./ports";
export * from "./webhook-intake";
export * from "./webhook-logs";
