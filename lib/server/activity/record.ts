import "server-only";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import type { Ctx } from "../auth/actor";
import type { Tx } from "../db";

export type ActivityEvent = {
  eventType: string;
  resourceType?: string | null;
  resourceId?: string | null;
  details?: Record<string, unknown>;
  /** Defaults to the context's actor. */
  actor?: { id: string; username: string } | null;
};

/** Writes one activity row inside the caller's transaction. */
export async function recordActivity(tx: Tx, ctx: Ctx, ev: ActivityEvent): Promise<void> {
  const actor = ev.actor === undefined ? ctx.actor : ev.actor;
  await tx.activityLog.create({
    data: {
      actorId: actor?.id ?? null,
      actorUsername: actor?.username ?? null,
      eventType: ev.eventType,
      resourceType: ev.resourceType ?? null,
      resourceId: ev.resourceId ?? null,
      ipAddress: ctx.meta.ip,
      userAgent: ctx.meta.userAgent,
      details: (ev.details ?? undefined) as P.InputJsonValue | undefined,
    },
  });
}
