import pino from "pino";
import { env } from "./env";

/**
 * Structured JSON logs. Personal data (ID numbers, phones, passwords) is redacted wherever it appears under
 * these keys, so a careless log call cannot leak it.
 */
export const logger = pino({
  level: env().LOG_LEVEL,
  base: { app: "onewindow" },
  redact: {
    paths: ["password", "*.password", "passwordHash", "*.passwordHash", "idNumber", "*.idNumber", "phone", "*.phone", "req.headers.cookie", "req.headers.authorization"],
    censor: "[redacted]",
  },
});
