import { z } from "./zod";
import { blankToUndefined, noControlChars, opt } from "./common";

// Isomorphic: the command palette's user search (Ctrl+K), typed by a person
// a few characters at a time.

export const SEARCH_LIMIT_DEFAULT = 8;
export const SEARCH_LIMIT_MAX = 20;

export const userSearchSchema = z.object({
  q: noControlChars("q")(z.string().trim().min(1, "Type part of a username or email").max(100, "q must be at most 100 characters")),
  limit: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `limit must be a number from 2 to ${SEARCH_LIMIT_MAX}` })
      .int("limit must be a whole number")
      // Two at least: the first page may give one place to an exact match.
      .min(2, `limit must be from 2 to ${SEARCH_LIMIT_MAX}`)
      .max(SEARCH_LIMIT_MAX, `limit must be from 2 to ${SEARCH_LIMIT_MAX}`)
      .default(SEARCH_LIMIT_DEFAULT),
  ),
  after: opt(z.string().max(200, "after is not a valid cursor")),
});
export type UserSearchInput = z.input<typeof userSearchSchema>;
