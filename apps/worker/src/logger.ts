import { type Logger, pino } from "pino";
import type { LogLevel } from "./env";

/** JSON lines on stdout (flushed by pino on exit); credentials that slip into logged objects are redacted. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: "worker" },
    redact: ["*.password", "*.token", "*.authorization", "*.cookie"],
  });
}
