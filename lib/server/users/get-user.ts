import "server-only";
import { authorize, type Ctx } from "../auth/actor";
import { pool } from "../db";
import { AppError } from "../errors";
import { run, type Result } from "../result";
import { prepared } from "../sql";
import { parseUserId } from "./common";
import type { UserDto } from "./dto";
import { SELECT_USERS, userDtoOf, type UserRow } from "./user-sql";

const USER_BY_ID = `${SELECT_USERS} WHERE u.id = $1 AND u.deleted_at IS NULL`;

export function getUser(ctx: Ctx, id: unknown): Promise<Result<UserDto>> {
  return run(async () => {
    authorize(ctx, "users:read");
    const userId = parseUserId(id);
    const { rows } = await pool().query<UserRow>(prepared(USER_BY_ID, [userId]));
    if (!rows[0]) throw new AppError("not_found", "User not found");
    return userDtoOf(rows[0]);
  });
}
