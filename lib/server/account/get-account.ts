import "server-only";
import type { Role } from "@/lib/roles";
import { deletedActorIds, toItem, type ActivityItem } from "../activity/query";
import { authorize, type Ctx } from "../auth/actor";
import { ownerInputs } from "../auth/passwords";
import { db } from "../db";
import { run, type Result } from "../result";
import { getTwoFactorStatus, type TwoFactorStatus } from "../two-factor/service";
import { listOwnSessions, type SessionDto } from "./sessions";

/** What My account shows: who I am, where I am signed in, what I did lately. */
export type Account = {
  user: { id: string; username: string; email: string; role: Role; created_at: string; last_login_at: string | null };
  sessions: SessionDto[];
  activity: ActivityItem[];
  /** The password checklist's personal words (lib/schemas/password.ts strengthInputs). */
  passwordInputs: string[];
  twoFactor: TwoFactorStatus;
};

const RECENT = 10;

export function getAccount(ctx: Ctx): Promise<Result<Account>> {
  return run(async () => {
    const actor = authorize(ctx, "account:manage");
    const [user, sessions, rows, twoFactor] = await Promise.all([
      db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { createdAt: true, lastLoginAt: true } }),
      listOwnSessions(ctx),
      db().activityLog.findMany({
        where: { OR: [{ actorId: actor.id }, { resourceType: "user", resourceId: actor.id }] },
        orderBy: { id: "desc" },
        take: RECENT,
      }),
      getTwoFactorStatus(ctx),
    ]);
    if (!twoFactor.ok) throw new Error(twoFactor.message);
    const deleted = await deletedActorIds(rows);
    return {
      user: { id: actor.id, username: actor.username, email: actor.email, role: actor.role, created_at: user.createdAt.toISOString(), last_login_at: user.lastLoginAt?.toISOString() ?? null },
      sessions,
      activity: rows.map((r) => toItem(r, deleted)),
      passwordInputs: ownerInputs(actor),
      twoFactor: twoFactor.data,
    };
  });
}
