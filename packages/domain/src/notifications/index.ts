export * from "./mentions";
export * from "./model";
export * from "./notify";
export * from "./ports";
export * from "./user-notifications";
