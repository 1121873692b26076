import pino from "pino";
import { env } from "./env";
import { REDACTED_PATHS, scrubError } from "./security/redact";

/**
 * Structured JSON logs. Personal data (ID numbers, phones, passwords, tokens) is redacted wherever it appears under
 * these keys, and masked inside logged errors' text (lib/security/redact.ts), so a careless log call cannot leak it.
 */
export const logger = pino({
  level: env().LOG_LEVEL,
  base: { app: "onewindow" },
  redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  // Error messages can quote personal data (Prisma prints the failed query's arguments): masked here.
  serializers: { err: (error: Error) => scrubError(pino.stdSerializers.err(error)) },
});
