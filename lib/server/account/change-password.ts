import "server-only";
import { changePasswordSchema, PASSWORD_CHANGED_MESSAGE, WRONG_CURRENT_PASSWORD } from "@/lib/schemas/account";
import { RULE_MESSAGES } from "@/lib/schemas/password";
import { recordActivity } from "../activity/record";
import { authorize, type Ctx } from "../auth/actor";
import { countFailure } from "../auth/lockout";
import { assertStrongPassword, hashPassword, verifyPassword, weakPassword } from "../auth/passwords";
import { endSessions } from "../auth/sessions";
import { db } from "../db";
import { AppError } from "../errors";
import { hit, refund } from "../rate-limit";
import { run, type Result } from "../result";
import { parseInput } from "../validate";

/**
 * My account's "Change password": the current password first (a borrowed
 * session must not be enough), then the same policy as everywhere (and not
 * the current one again). Every other session and API token of the user
 * ends; the session the change was made from stays. A wrong current password
 * counts like a failed login: against the per-account login limit and the
 * lockout, so a stolen cookie cannot be used to guess the password.
 */
export function changePassword(ctx: Ctx, input: unknown): Promise<Result<{ message: string; ended: number }>> {
  return run(async () => {
    const actor = authorize(ctx, "account:manage");
    const data = parseInput(changePasswordSchema, input);
    await hit("login-user", ctx, actor.username);
    const user = await db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, username: true, email: true, passwordHash: true } });
    if (!(await verifyPassword(data.current_password, user.passwordHash))) {
      await db().$transaction((tx) => countFailure(tx, ctx, user));
      throw new AppError("validation", WRONG_CURRENT_PASSWORD, { current_password: WRONG_CURRENT_PASSWORD });
    }
    await refund("login-user", ctx, actor.username);
    if (data.password === data.current_password) throw weakPassword({ reused: RULE_MESSAGES.reused });
    assertStrongPassword(data.password, user);
    // bcrypt runs before the transaction so no row lock waits on it.
    const passwordHash = await hashPassword(data.password);
    const ended = await db().$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
      const n = await endSessions(tx, user.id, { except: actor.sessionId });
      await recordActivity(tx, ctx, {
        eventType: "user.password_changed",
        resourceId: user.id,
        details: { username: user.username, via: "account", sessions_ended: n },
      });
      return n;
    });
    return { message: PASSWORD_CHANGED_MESSAGE, ended };
  });
}
