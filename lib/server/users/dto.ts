import "server-only";
import { roleOf } from "@/lib/roles";
import type { UserStatus } from "@/lib/schemas/user";
import { DELIVERY_STATES, type userSchema } from "@/lib/schemas/api-responses";
import type { z } from "@/lib/schemas/zod";

export { DELIVERY_STATES };
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** The user object of API.md (its schema is the published one); also what the admin UI renders. */
export type UserDto = z.output<typeof userSchema>;

/** The columns a UserDto needs; never the password hash. */
export const userSelect = {
  id: true,
  username: true,
  email: true,
  role: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  lastLoginAt: true,
  lastActiveAt: true,
  lockedUntil: true,
  totpEnabledAt: true,
  invitations: {
    where: { usedAt: null, supersededAt: null },
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { expiresAt: true, sentAt: true, deliveryStatus: true, lastError: true },
  },
} as const;

type Row = {
  id: string;
  username: string;
  email: string;
  role: string;
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
  lastActiveAt: Date | null;
  lockedUntil: Date | null;
  totpEnabledAt: Date | null;
  invitations: { expiresAt: Date; sentAt: Date | null; deliveryStatus: DeliveryState; lastError: string | null }[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toUserDto(u: Row): UserDto {
  const inv = u.status === "pending" ? u.invitations[0] : undefined;
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    role: roleOf(u.role),
    status: u.status,
    is_active: u.status === "active",
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
    last_login_at: iso(u.lastLoginAt),
    last_active_at: iso(u.lastActiveAt),
    locked_until: u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null,
    two_factor: Boolean(u.totpEnabledAt),
    ...(inv && {
      invitation: {
        expires_at: inv.expiresAt.toISOString(),
        sent_at: iso(inv.sentAt),
        delivery: inv.deliveryStatus,
        last_error: inv.lastError,
      },
    }),
  };
}
