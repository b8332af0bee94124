import "server-only";
import { createHash } from "node:crypto";

// Prisma sends `contains` and `equals` with mode "insensitive" as ILIKE
// patterns without escaping them, so "_" and "%" typed by a person would be
// wildcards ("adm_n" would match "admin"). Escape LIKE's metacharacters
// (the backslash is PostgreSQL's default escape character).
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Case-insensitive exact match on a text column, wildcard-safe. */
export const iEquals = (value: string) => ({ equals: likeLiteral(value), mode: "insensitive" as const });

/** Adds `v` to a statement's values and returns its placeholder ($1, $2, ...). */
export const param = (values: unknown[], v: unknown) => `$${values.push(v)}`;

// The hot reads' texts differ only by which filters are set (a few dozen in
// all), so each text is a named statement and each connection plans it
// once. The name is a hash of the text, never a counter: Next.js bundles this
// module more than once (pages, route handlers), the copies share one pool,
// and a connection refuses a name it knows for a different text.
const names = new Map<string, string>();

/** A pg query config that runs `text` as a named (prepared) statement. */
export function prepared(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  let name = names.get(text);
  if (!name) names.set(text, (name = `sel-${createHash("sha256").update(text).digest("base64url").slice(0, 22)}`));
  return { name, text, values };
}

/** Advisory lock keys, in one place so they never collide. */
export const LOCKS = {
  migrations: 72707369,
  adminSet: 72707370,
  firstAdmin: 72707371,
  housekeeping: 72707372,
  /** Taken by the activity_chain_append() trigger (SQL, migration 20261202160000_activity_chain) while a commit appends to the chain. */
  activityChain: 72707373,
  /** Held by the background verification of the activity chain while it runs (lib/server/activity/chain/integrity.ts). */
  activityVerify: 72707374,
  /** Held while older activity rows are archived (lib/server/activity/retention.ts). */
  activityArchive: 72707375,
} as const;
