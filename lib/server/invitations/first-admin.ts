import "server-only";
import { createUserSchema } from "@/lib/schemas/user";
import { recordActivity } from "../activity/record";
import { systemCtx } from "../auth/actor";
import { db } from "../db";
import { kickOutbox } from "../email/queue";
import { iEquals, LOCKS } from "../sql";
import { parseInput } from "../validate";
import { assertAvailable, uniqueViolation } from "../users/common";
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
    let admin = await tx.user.findFirst({
      where: { role: "admin", status: "pending", deletedAt: null },
      orderBy: { id: "asc" },
      select: { id: true, username: true, email: true, role: true },
    });
    if (!admin) {
      let username = "admin";
      for (let n = 2; await tx.user.findFirst({ where: { username: iEquals(username) } }); n++) username = `admin${n}`;
      admin = await tx.user.create({
        data: { username, email: `${username}@localhost.invalid`, role: "admin", status: "pending" },
        select: { id: true, username: true, email: true, role: true },
      });
      await recordActivity(tx, ctx, { eventType: "user.created", resourceType: "user", resourceId: admin.id, details: { username, role: "admin", via: "first-start setup" } });
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
      await assertAvailable(tx, data);
      const u = await tx.user.create({ data: { ...data, status: "pending" }, select: { id: true } });
      const { link } = await issueInvitation(tx, ctx, { id: u.id, ...data });
      await recordActivity(tx, ctx, { eventType: "user.created", resourceType: "user", resourceId: u.id, details: { ...data, via: "admin:create" } });
      return { link, userId: u.id };
    });
    kickOutbox();
    return out;
  } catch (e) {
    throw uniqueViolation(e) ?? e;
  }
}
