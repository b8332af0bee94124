import "server-only";

// Prisma sends `contains` and `equals` with mode "insensitive" as ILIKE
// patterns without escaping them, so "_" and "%" typed by a person would be
// wildcards ("adm_n" would match "admin"). Escape LIKE's metacharacters
// (the backslash is PostgreSQL's default escape character).
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Case-insensitive exact match on a text column, wildcard-safe. */
export const iEquals = (value: string) => ({ equals: likeLiteral(value), mode: "insensitive" as const });

/** Case-insensitive substring match, wildcard-safe. */
export const iContains = (value: string) => ({ contains: likeLiteral(value), mode: "insensitive" as const });

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
