import "server-only";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { emailConfigured, NOT_CONFIGURED } from "../email/mode";
import { kickOutbox } from "../email/queue";
import { AppError } from "../errors";
import { issuePasswordReset } from "../password-reset/request";
import { run, type Result } from "../result";
import { lockLiveUser, parseUserId } from "./common";
import { toUserDto, type UserDto } from "./dto";

/**
 * An admin sends an active user a password reset link (the same one-hour,
 * single-use link "Forgot password?" sends; older open links die). The
 * user's password and sessions stay as they are until the link is used.
 */
export function sendPasswordReset(ctx: Ctx, id: unknown): Promise<Result<{ message: string; user: UserDto }>> {
  return run(async () => {
    authorize(ctx, "users:write");
    const userId = parseUserId(id);
    const user = await db().$transaction(async (tx) => {
      const u = await lockLiveUser(tx, userId);
      if (u.status === "pending") throw new AppError("validation", "User has not accepted the invitation; resend the invitation instead");
      if (u.status === "inactive") throw new AppError("validation", "User is deactivated; activate them before sending a password reset");
      await issuePasswordReset(tx, ctx, u, "admin");
      return u;
    });
    kickOutbox();
    const message = emailConfigured()
      ? `Password reset link sent to ${user.email}`
      : `${NOT_CONFIGURED}: no email went to ${user.email}; the reset link is in the server log`;
    return { message, user: toUserDto(user) };
  });
}
