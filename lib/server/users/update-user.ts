import "server-only";
import { updateUserSchema } from "@/lib/schemas/user";
import { recordActivity } from "../activity/record";
import { authorize, type Ctx } from "../auth/actor";
import { forgetAfterCommit } from "../auth/actor-cache";
import { endSessions } from "../auth/sessions";
import { db } from "../db";
import { kickOutbox } from "../email/queue";
import { issueInvitation } from "../invitations/issue";
import { run, type Result } from "../result";
import { parseInput } from "../validate";
import { assertAvailable, assertNotLastActiveAdmin, lockAdminSet, lockLiveUser, parseUserId, uniqueViolation } from "./common";
import { toUserDto, userSelect, type UserDto } from "./dto";

type Field = "username" | "email" | "role";

/**
 * Partial update of username, email and role. Writes one `user.updated`
 * row with the changed fields' old and new values; a role change ends the
 * user's sessions (their permissions changed) and may not demote the last
 * active admin.
 */
export function updateUser(ctx: Ctx, id: unknown, input: unknown): Promise<Result<UserDto>> {
  return run(async () => {
    authorize(ctx, "users:write");
    const userId = parseUserId(id);
    const data = parseInput(updateUserSchema, input);
    let requeued = false;
    try {
      const user = await db().$transaction(async (tx) => {
        if (data.role && data.role !== "admin") await lockAdminSet(tx);
        const current = await lockLiveUser(tx, userId);
        const changed = (["username", "email", "role"] as Field[]).filter(
          (f) => data[f] !== undefined && data[f] !== current[f],
        );
        if (!changed.length) return toUserDto(current);

        if (changed.includes("role") && current.role === "admin" && current.status === "active") {
          await assertNotLastActiveAdmin(tx, userId);
        }
        // A case-only rename of the user's own username is not a clash.
        await assertAvailable(
          tx,
          {
            username: changed.includes("username") ? data.username : undefined,
            email: changed.includes("email") ? data.email : undefined,
          },
          userId,
        );
        const patch = Object.fromEntries(changed.map((f) => [f, data[f]]));
        await tx.user.update({ where: { id: userId }, data: patch });
        if (changed.includes("role")) await endSessions(tx, userId);
        else forgetAfterCommit(tx, userId); // the sessions stay; their name and email change
        // A pending user's invitation went (or is about to go) to the old
        // address, which was presumably wrong: the old link dies and a fresh
        // invitation is queued to the new one.
        if (changed.includes("email") && current.status === "pending") {
          await issueInvitation(tx, ctx, { id: userId, username: data.username ?? current.username, email: data.email!, role: data.role ?? current.role });
          requeued = true;
        }
        await recordActivity(tx, ctx, {
          eventType: "user.updated",
          resourceId: userId,
          details: {
            username: current.username,
            changed_fields: changed,
            old_values: Object.fromEntries(changed.map((f) => [f, current[f]])),
            new_values: patch,
          },
        });
        return toUserDto(await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect }));
      });
      if (requeued) kickOutbox();
      return user;
    } catch (e) {
      throw uniqueViolation(e) ?? e;
    }
  });
}
