import "server-only";
import { createUserSchema } from "@/lib/schemas/user";
import { systemCtx } from "../auth/actor";
import { db } from "../db";
import { kickOutbox } from "../email/queue";
import { iEquals, LOCKS } from "../sql";
import { parseInput } from "../validate";
import { uniqueViolation } from "../users/common";
import { createPendingUser } from "../users/create-pending";
import { issueInvitation } from "./issue";

/**
 * For a node with no active admin: a one-time setup link for the first
 * admin (user "admin", pending until the link is used). Each call supersedes
 * the previous link. Returns null when an active admin exists.
 */
export async function firstAdminSetupLink(): Promise<string | null> {
  const ctx = systemCtx();
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCKS.firstAdmin}::bigint)`;
    const active = await tx.user.count({ where: { role: "admin", status: "active", deletedAt: null } });
    if (active > 0) return null;
    const admin = await tx.user.findFirst({
      where: { role: "admin", status: "pending", deletedAt: null },
      orderBy: { id: "asc" },
      select: { id: true, username: true, email: true, role: true },
    });
    if (!admin) {
      let username = "admin";
      for (let n = 2; await tx.user.findFirst({ where: { username: iEquals(username) } }); n++) username = `admin${n}`;
      const created = await createPendingUser(tx, ctx, { username, email: `${username}@localhost.invalid`, role: "admin" }, { email: false, via: "first-start setup" });
      return created.link;
    }
    const { link } = await issueInvitation(tx, ctx, admin, { email: false });
    return link;
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
