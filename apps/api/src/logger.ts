import { pino } from "pino";

export type AppLogger = pino.Logger;

export const createLogger = (level: string): AppLogger =>
  pino({
    level,
    base: { service: "api" },
    redact: {
      paths: [
        "*.password",
        "*.token",
        "*.secret",
        "*.authorization",
        "*.cookie",
        "req.headers.authorization",
        "req.headers.cookie",
      ],
      censor: "[redacted]",
    },
  });
