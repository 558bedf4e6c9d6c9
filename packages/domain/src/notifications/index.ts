export * from "./mentions";
export * from "./model";
export * from "./note-mentions";
export * from "./notify";
export * from "./ports";
export * from "./user-notifications";
