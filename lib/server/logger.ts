import "server-only";
import pino from "pino";
import { env } from "./env";

// One structured logger. Secrets are redacted by key name wherever they appear.
let instance: pino.Logger | undefined;

export function logger(): pino.Logger {
  instance ??= pino({
    level: env().LOG_LEVEL,
    base: { app: "sel-admin" },
    redact: {
      paths: ["password", "*.password", "token", "*.token", "passwordHash", "*.passwordHash", "authorization", "*.authorization"],
      censor: "[redacted]",
    },
  });
  return instance;
}
