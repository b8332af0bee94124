import "server-only";
import { LAST_ADMIN, ulidSchema } from "@/lib/schemas/user";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { iEquals, LOCKS } from "../sql";
import { userSelect } from "./dto";

export { LAST_ADMIN };

export function parseUserId(id: unknown): string {
  const r = ulidSchema.safeParse(id);
  if (!r.success) throw new AppError("validation", "Not a valid user id", { id: "Not a valid user id" });
  return r.data;
}

/** Locks and loads a user that is not deleted; 404 otherwise. */
export async function lockLiveUser(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM users WHERE id = ${id} FOR UPDATE`;
  const u = await tx.user.findUnique({ where: { id }, select: { ...userSelect, deletedAt: true } });
  if (!u || u.deletedAt) throw new AppError("not_found", "User not found");
  return u;
}

/**
 * Serialises every change that can reduce the set of active admins
 * (transaction-scoped advisory lock), so two concurrent deactivations of the
 * last two admins cannot both pass the check below. Call before lockLiveUser.
 */
export async function lockAdminSet(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCKS.adminSet}::bigint)`;
}

/** Refuses when `userId` is the only active admin left. */
export async function assertNotLastActiveAdmin(tx: Tx, userId: string): Promise<void> {
  const others = await tx.user.count({
    where: { role: "admin", status: "active", deletedAt: null, id: { not: userId } },
  });
  if (others === 0) throw new AppError("conflict", LAST_ADMIN);
}

const CLASH = { username: "Username is already taken", email: "Email is already taken" } as const;

/** Friendly pre-check; the unique indexes remain the guarantee (see uniqueViolation). */
export async function assertAvailable(tx: Tx, fields: { username?: string; email?: string }, exceptId?: string): Promise<void> {
  const errors: Record<string, string> = {};
  if (fields.username) {
    const hit = await tx.user.findFirst({
      where: { username: iEquals(fields.username), ...(exceptId && { id: { not: exceptId } }) },
      select: { id: true },
    });
    if (hit) errors.username = CLASH.username;
  }
  if (fields.email) {
    const hit = await tx.user.findFirst({
      where: { email: fields.email.toLowerCase(), ...(exceptId && { id: { not: exceptId } }) },
      select: { id: true },
    });
    if (hit) errors.email = CLASH.email;
  }
  const keys = Object.keys(errors);
  if (keys.length) throw new AppError("conflict", errors[keys[0]], errors);
}

// The unique indexes behind each field (see the first migration).
const INDEX_FIELD: Record<string, keyof typeof CLASH> = { users_username_lower_key: "username", users_email_lower_key: "email" };

type DriverError = {
  code?: string;
  constraint?: string;
  meta?: { driverAdapterError?: { cause?: { originalCode?: string; constraint?: { index?: string; fields?: string[] } } } };
};

/**
 * Maps a unique-index violation (a race the pre-check lost) to a 409 on the
 * right field, from the driver's error code (Prisma's P2002, PostgreSQL's
 * 23505) and the violated index's name. Any other error, a violation of
 * another index included, is not a clash a person can fix: null.
 */
export function uniqueViolation(e: unknown): AppError | null {
  const err = (e ?? {}) as DriverError;
  const cause = err.meta?.driverAdapterError?.cause;
  if (err.code !== "P2002" && err.code !== "23505" && cause?.originalCode !== "23505") return null;
  const index = cause?.constraint?.index ?? err.constraint;
  const field = (index && INDEX_FIELD[index]) || cause?.constraint?.fields?.map((f) => INDEX_FIELD[`users_${f}_lower_key`]).find(Boolean);
  return field ? new AppError("conflict", CLASH[field], { [field]: CLASH[field] }) : null;
}
