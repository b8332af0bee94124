import "server-only";
import type { UserStatus } from "@/lib/schemas/user";
import type { PageRead } from "../keyset";
import { likeLiteral, param, prepared } from "../sql";
import { toUserDto, type DeliveryState, type UserDto } from "./dto";

// The reads behind the API's busiest calls (one user, the list, the
// palette's search) in plain SQL on the pool, as named statements: Prisma
// would send two queries for a user with its invitation and compile both on
// every call, which was a third of such a request's server time
// (docs/PERFORMANCE.md). Writes stay with Prisma.

/** A UserDto's columns (userSelect's), the newest open invitation joined only for a pending user (what toUserDto shows), by the (user_id, created_at DESC) index. */
export const SELECT_USERS = `SELECT u.id, u.username, u.email, u.role, u.status::text AS status, u.created_at, u.updated_at,
       u.last_login_at, u.last_active_at, u.locked_until, u.totp_enabled_at,
       i.expires_at, i.sent_at, i.delivery_status::text AS delivery_status, i.last_error
  FROM users u
  LEFT JOIN LATERAL (
    SELECT expires_at, sent_at, delivery_status, last_error FROM invitations
     WHERE user_id = u.id AND used_at IS NULL AND superseded_at IS NULL
     ORDER BY created_at DESC LIMIT 1) i ON u.status = 'pending'`;

export type UserRow = {
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

export function userDtoOf(u: UserRow): UserDto {
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
}

/**
 * The Users page's filters on `users u`, live users only: status, role, and
 * the search (a case-insensitive substring of the username, or a substring
 * of the stored lower-case email; LIKE's wildcards literal), served by the
 * partial (role, status, id DESC) and trigram indexes.
 */
export function usersWhere(q: { status?: string; role?: string; search?: string }, values: unknown[]): string {
  const parts = ["u.deleted_at IS NULL"];
  if (q.status) parts.push(`u.status = ${param(values, q.status)}::"UserStatus"`);
  if (q.role) parts.push(`u.role = ${param(values, q.role)}`);
  if (q.search) {
    const name = param(values, likeLiteral(q.search));
    const email = param(values, likeLiteral(q.search.toLowerCase()));
    parts.push(`(u.username ILIKE '%' || ${name} || '%' OR u.email LIKE '%' || ${email} || '%')`);
  }
  return parts.join(" AND ");
}

/** A keyset page's bound, order and size as SQL on `users u` (lib/server/keyset.ts's PageRead). */
export function pageSql(page: PageRead, values: unknown[]): { bound: string; tail: string } {
  const bound = !page.id ? "" : "lt" in page.id ? ` AND u.id < ${param(values, page.id.lt)}` : ` AND u.id > ${param(values, page.id.gt)}`;
  return { bound, tail: `ORDER BY u.id ${page.order === "asc" ? "ASC" : "DESC"} LIMIT ${param(values, page.take)}` };
}


/** One page of the users list (SELECT_USERS over the filters, past the page's bound), as a named statement. */
export function listStatement(q: { status?: string; role?: string; search?: string }, read: PageRead) {
  const values: unknown[] = [];
  const where = usersWhere(q, values);
  const { bound, tail } = pageSql(read, values);
  return prepared(`${SELECT_USERS} WHERE ${where}${bound} ${tail}`, values);
}
