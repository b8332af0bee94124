import { z } from "./zod";

// Pieces shared by the list schemas (users, activity). Isomorphic.

/** "" and null mean "not given" (query strings, partial updates). */
export const blankToUndefined = (v: unknown) => ((typeof v === "string" && v.trim() === "") || v === null ? undefined : v);

/** An optional field where blank means absent. */
export const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

/** PostgreSQL text cannot hold NUL, and no field here needs control characters. */
export const noControlChars = (name: string) => (s: z.ZodString) =>
  s.regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, `${name} must not contain control characters`);

/** limit, after and before of every keyset-paged list. `before` is not in API.md: it lets the console page go back. */
export const pageFields = {
  limit: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "limit must be a number from 1 to 100" })
      .int("limit must be a whole number")
      .min(1, "limit must be from 1 to 100")
      .max(100, "limit must be from 1 to 100")
      .default(50),
  ),
  after: opt(z.string().max(200, "after is not a valid cursor")),
  before: opt(z.string().max(200, "before is not a valid cursor")),
};
