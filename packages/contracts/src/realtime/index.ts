export * from "./events";
export * from "./notification";
export * from "./read-state";
export * from "./typing";
