import "server-only";
import Bowser from "bowser";
import { sessionIdSchema } from "@/lib/schemas/account";
import { recordActivity } from "../activity/record";
import { authorize, type Ctx } from "../auth/actor";
import { forgetAfterCommit } from "../auth/actor-cache";
import { endSessions } from "../auth/sessions";
import { db } from "../db";
import { AppError } from "../errors";
import { run, type Result } from "../result";

/** A live session as the account page and its list show it (never its token). */
export type SessionDto = {
  id: string;
  kind: "browser" | "api";
  created_at: string;
  last_used_at: string | null;
  expires_at: string;
  ip_address: string | null;
  /** "Chrome 156 on Linux", from the user agent; the raw string is `user_agent`. */
  browser: string;
  user_agent: string | null;
  /** The session this request came with. */
  current: boolean;
};

/** At most this many live sessions are listed (each lives 12 hours, so more means something odd). */
export const SESSION_LIST_MAX = 50;

export function describeAgent(ua: string | null): string {
  if (!ua) return "Unknown client";
  const p = Bowser.parse(ua);
  const name = p.browser.name ? `${p.browser.name}${p.browser.version ? ` ${p.browser.version.split(".")[0]}` : ""}` : ua.split(/[\s/]/)[0].slice(0, 40);
  return p.os.name ? `${name} on ${p.os.name}` : name;
}

/** The signed-in user's live sessions and API tokens, newest first. */
export async function listOwnSessions(ctx: Ctx): Promise<SessionDto[]> {
  const actor = authorize(ctx, "account:manage");
  const rows = await db().session.findMany({
    where: { userId: actor.id, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { id: "desc" },
    take: SESSION_LIST_MAX,
    select: { id: true, kind: true, createdAt: true, lastUsedAt: true, expiresAt: true, ipAddress: true, userAgent: true },
  });
  return rows.map((s) => ({
    id: s.id,
    kind: s.kind,
    created_at: s.createdAt.toISOString(),
    last_used_at: s.lastUsedAt?.toISOString() ?? null,
    expires_at: s.expiresAt.toISOString(),
    ip_address: s.ipAddress,
    browser: s.kind === "api" ? `API token · ${describeAgent(s.userAgent)}` : describeAgent(s.userAgent),
    user_agent: s.userAgent,
    current: s.id === actor.sessionId,
  }));
}

/** Ends one of the user's own sessions (not the one in use: that is Log out). */
export function endOwnSession(ctx: Ctx, id: unknown): Promise<Result<{ id: string }>> {
  return run(async () => {
    const actor = authorize(ctx, "account:manage");
    const parsed = sessionIdSchema.safeParse(id);
    if (!parsed.success) throw new AppError("validation", "Not a valid session id");
    const sessionId = parsed.data.toUpperCase();
    if (sessionId === actor.sessionId) throw new AppError("validation", "This is the session you are using; log out instead");
    await db().$transaction(async (tx) => {
      const r = await tx.session.updateMany({ where: { id: sessionId, userId: actor.id, revokedAt: null }, data: { revokedAt: new Date() } });
      if (r.count !== 1) throw new AppError("not_found", "That session has already ended");
      forgetAfterCommit(tx, actor.id);
      await recordActivity(tx, ctx, { eventType: "user.sessions_ended", resourceId: actor.id, details: { username: actor.username, count: 1, session_id: sessionId } });
    });
    return { id: sessionId };
  });
}

/** "Sign out everywhere else": every other session and API token of the user ends. */
export function endOtherSessions(ctx: Ctx): Promise<Result<{ count: number }>> {
  return run(async () => {
    const actor = authorize(ctx, "account:manage");
    const count = await db().$transaction(async (tx) => {
      const n = await endSessions(tx, actor.id, { except: actor.sessionId });
      if (n > 0) await recordActivity(tx, ctx, { eventType: "user.sessions_ended", resourceId: actor.id, details: { username: actor.username, count: n, scope: "others" } });
      return n;
    });
    return { count };
  });
}
