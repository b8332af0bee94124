import "server-only";
import { listUsersQuerySchema } from "@/lib/schemas/user";
import { authorize, type Ctx } from "../auth/actor";
import { pool } from "../db";
import { keysetPage } from "../keyset";
import { run, type Result } from "../result";
import { parseInput } from "../validate";
import { countUsers } from "./count-users";
import type { UserDto } from "./dto";
import { listStatement, userDtoOf, type UserRow } from "./user-sql";

export type UserPage = { items: UserDto[]; next_cursor: string | null; prev_cursor: string | null; total: number };

// "Newest first" is "id descending" (lib/server/keyset.ts), served by the
// partial indexes on (role, status, id DESC) WHERE deleted_at IS NULL.

/** One page of live users, newest first, with the total count of matches. */
export function listUsers(ctx: Ctx, input: unknown): Promise<Result<UserPage>> {
  return run(async () => {
    authorize(ctx, "users:read");
    const q = parseInput(listUsersQuerySchema, input);
    const [page, total] = await Promise.all([
      keysetPage("u", q, async (read) => (await pool().query<UserRow>(listStatement(q, read))).rows),
      countUsers(q),
    ]);
    return { items: page.rows.map(userDtoOf), next_cursor: page.next_cursor, prev_cursor: page.prev_cursor, total };
  });
}
