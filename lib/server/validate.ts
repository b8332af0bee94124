import "server-only";
import type { z } from "zod";
import { AppError } from "./errors";

/** Parses input with a shared schema; failures become one 400 with field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.join(".") || "_";
    fieldErrors[key] ??= issue.message;
  }
  const first = r.error.issues[0];
  const message = first?.path.length === 0 && first.code === "invalid_type" ? "Request body must be a JSON object" : (first?.message ?? "Invalid request");
  throw new AppError("validation", message, fieldErrors);
}
