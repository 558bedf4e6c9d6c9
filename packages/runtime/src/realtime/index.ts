export * from "./in-process-realtime";
export * from "./redis-realtime";
export * from "./ring-buffer";
