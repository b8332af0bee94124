import "server-only";
import { randomBytes } from "node:crypto";
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

/** Tests read what is logged: they hand in a logger writing where they can see it (undefined: back to the default). */
export function useLoggerForTests(l: pino.Logger | undefined): void {
  instance = l;
}

/**
 * Logs an error nobody will see otherwise (a failure the request survives, or
 * one turned into a generic message) with a short reference, and returns the
 * reference so a message shown to a person can quote it.
 */
export function logUnexpected(err: unknown, message: string, extra: Record<string, unknown> = {}): string {
  const ref = randomBytes(4).toString("hex");
  logger().error({ err, ref, ...extra }, message);
  return ref;
}
