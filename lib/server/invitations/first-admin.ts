import "server-only";
import { createUserSchema } from "@/lib/schemas/user";
import { systemCtx } from "../auth/actor";
import { db } from "../db";
import { kickOutbox } from "../email/queue";
import { iEquals, LOCKS } from "../sql";
import { parseInput } from "../validate";
import { uniqueViolation } from "../users/common";
import { createPendingUser } from "../users/create-pending";

/**
 * For a node with no admin at all (neither active nor invited): a one-time
 * setup link for the first admin (user "admin", pending until the link is
 * used). Returns null when any admin is active or pending: a link already
 * printed to a person (by an earlier start, or by `npm run admin:create`)
 * stays the only one, so a restart never kills it.
 */
export async function firstAdminSetupLink(): Promise<string | null> {
  const ctx = systemCtx();
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCKS.firstAdmin}::bigint)`;
    const admins = await tx.user.count({ where: { role: "admin", status: { in: ["active", "pending"] }, deletedAt: null } });
    if (admins > 0) return null;
    let username = "admin";
    for (let n = 2; await tx.user.findFirst({ where: { username: iEquals(username) } }); n++) username = `admin${n}`;
    const created = await createPendingUser(tx, ctx, { username, email: `${username}@localhost.invalid`, role: "admin" }, { email: false, via: "first-start setup" });
    return created.link;
  });
}

/**
 * While no admin is active: the invited admins and until when their open
 * link works (null: it has expired), for `npm start` to remind whoever holds
 * the link. Empty once an admin is active.
 */
export async function pendingAdminInvitations(): Promise<{ username: string; expiresAt: Date | null }[]> {
  const active = await db().user.count({ where: { role: "admin", status: "active", deletedAt: null } });
  if (active > 0) return [];
  const pending = await db().user.findMany({
    where: { role: "admin", status: "pending", deletedAt: null },
    orderBy: { id: "asc" },
    take: 10,
    select: { username: true, invitations: { where: { usedAt: null, supersededAt: null }, select: { expiresAt: true } } },
  });
  const now = Date.now();
  return pending.map((u) => {
    const newest = Math.max(0, ...u.invitations.map((i) => i.expiresAt.getTime()));
    return { username: u.username, expiresAt: newest > now ? new Date(newest) : null };
  });
}

/** `npm run admin:create`: an admin invitation (new node, or recovery). */
export async function createAdminInvitation(input: { username: string; email: string }): Promise<{ link: string; userId: string }> {
  const data = parseInput(createUserSchema, { ...input, role: "admin" });
  const ctx = systemCtx();
  try {
    const out = await db().$transaction(async (tx) => {
      const { id, link } = await createPendingUser(tx, ctx, data, { via: "admin:create" });
      return { link, userId: id };
    });
    kickOutbox();
    return out;
  } catch (e) {
    throw uniqueViolation(e) ?? e;
  }
}
