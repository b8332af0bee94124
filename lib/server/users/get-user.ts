import "server-only";
import { authorize, type Ctx } from "../auth/actor";
import { pool } from "../db";
import { AppError } from "../errors";
import { run, type Result } from "../result";
import { parseUserId } from "./common";
import { toUserDto, type DeliveryState, type UserDto } from "./dto";
import type { UserStatus } from "@/lib/schemas/user";

// The API's busiest read, so one prepared statement instead of Prisma's two
// (the user, then its open invitation) and its query compiler: the same
// columns as userSelect, the newest open invitation joined only for a
// pending user (what toUserDto shows), by the (user_id, created_at DESC) index.
const USER_BY_ID = `SELECT u.id, u.username, u.email, u.role, u.status::text AS status, u.created_at, u.updated_at,
       u.last_login_at, u.last_active_at, u.locked_until, u.totp_enabled_at,
       i.expires_at, i.sent_at, i.delivery_status::text AS delivery_status, i.last_error
  FROM users u
  LEFT JOIN LATERAL (
    SELECT expires_at, sent_at, delivery_status, last_error FROM invitations
     WHERE user_id = u.id AND used_at IS NULL AND superseded_at IS NULL
     ORDER BY created_at DESC LIMIT 1) i ON u.status = 'pending'
 WHERE u.id = $1 AND u.deleted_at IS NULL`;

type UserRow = {
  id: string;
  username: string;
  email: string;
  role: string;
  status: UserStatus;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
  last_active_at: Date | null;
  locked_until: Date | null;
  totp_enabled_at: Date | null;
  expires_at: Date | null;
  sent_at: Date | null;
  delivery_status: DeliveryState | null;
  last_error: string | null;
};

export function getUser(ctx: Ctx, id: unknown): Promise<Result<UserDto>> {
  return run(async () => {
    authorize(ctx, "users:read");
    const userId = parseUserId(id);
    const { rows } = await pool().query<UserRow>({ name: "user-by-id", text: USER_BY_ID, values: [userId] });
    const u = rows[0];
    if (!u) throw new AppError("not_found", "User not found");
    return toUserDto({
      id: u.id,
      username: u.username,
      email: u.email,
      role: u.role,
      status: u.status,
      createdAt: u.created_at,
      updatedAt: u.updated_at,
      lastLoginAt: u.last_login_at,
      lastActiveAt: u.last_active_at,
      lockedUntil: u.locked_until,
      totpEnabledAt: u.totp_enabled_at,
      invitations: u.expires_at ? [{ expiresAt: u.expires_at, sentAt: u.sent_at, deliveryStatus: u.delivery_status!, lastError: u.last_error }] : [],
    });
  });
}
