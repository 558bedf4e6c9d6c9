export * from "./audience";
export * from "./entry-id";
export * from "./ports";
export * from "./read-state";
export * from "./typing";
