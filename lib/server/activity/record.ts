import "server-only";
import { isEventType, resourceTypeOf, type EventType } from "@/lib/activity-events";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import type { Ctx } from "../auth/actor";
import { afterCommit, type Tx } from "../db";
import { emitActivity } from "./stream";

export type ActivityEvent = {
  /** A type of the registry (lib/activity-events.ts), which also names its resource type. */
  eventType: EventType;
  resourceId?: string | null;
  details?: Record<string, unknown>;
  /** Defaults to the context's actor. */
  actor?: { id: string; username: string } | null;
};

/** Writes one activity row inside the caller's transaction; the audit stream hears of it once that commits. */
export async function recordActivity(tx: Tx, ctx: Ctx, ev: ActivityEvent): Promise<void> {
  // The type already says so; this stops a cast from logging a type no view can show.
  if (!isEventType(ev.eventType)) throw new Error(`event type "${ev.eventType}" is not in the registry (lib/activity-events.ts)`);
  const actor = ev.actor === undefined ? ctx.actor : ev.actor;
  const row = await tx.activityLog.create({
    data: {
      actorId: actor?.id ?? null,
      actorUsername: actor?.username ?? null,
      eventType: ev.eventType,
      resourceType: resourceTypeOf(ev.eventType),
      resourceId: ev.resourceId ?? null,
      ipAddress: ctx.meta.ip,
      userAgent: ctx.meta.userAgent,
      details: (ev.details ?? undefined) as P.InputJsonValue | undefined,
    },
  });
  afterCommit(tx, () => emitActivity([row]));
}
