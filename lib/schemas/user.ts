import { z } from "./zod";
import { DEFAULT_ROLE, ROLE_NAMES, roleList, type Role } from "@/lib/roles";
import { blankToUndefined, noControlChars, opt, pageFields } from "./common";

// Isomorphic: used by the React forms (zodResolver), the server actions, the
// REST handlers and the users page's URL parameters. No server imports here.

export type { Role };
export const STATUSES = ["pending", "active", "inactive"] as const;
export type UserStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<UserStatus, string> = {
  pending: "Pending Invitation",
  active: "Active",
  inactive: "Inactive",
};

/** The refusal for changes that would leave no active admin (the services), and why the console disables them. */
export const LAST_ADMIN = "At least one active admin must remain";
export const LAST_ADMIN_HINT = `${LAST_ADMIN}: this is the only one. Make another user an admin first.`;

/** Whether a user is the only active admin, given how many active admins there are. */
export const isLastActiveAdmin = (u: { role: string; status: string }, activeAdmins: number) => u.role === "admin" && u.status === "active" && activeAdmins <= 1;

export const USERNAME_RULE = "3-50 characters: letters, digits, '.', '_' or '-', starting and ending with a letter or digit";

export const usernameSchema = z
  .string({ error: "Username is required" })
  .trim()
  .min(1, "Username is required")
  .min(3, "Username must be 3-50 characters")
  .max(50, "Username must be 3-50 characters")
  .regex(/^[A-Za-z0-9._-]+$/, "Username may contain only letters, digits, '.', '_' and '-'")
  .regex(/^[A-Za-z0-9](.*[A-Za-z0-9])?$/, "Username must start and end with a letter or digit");

export const emailSchema = z
  .string({ error: "Email is required" })
  .trim()
  .min(1, "Email is required")
  .max(254, "Email must be at most 254 characters")
  .pipe(z.email("Enter a valid email address"))
  .transform((v) => v.toLowerCase());

export const roleSchema = z.enum(ROLE_NAMES, { error: `Role must be ${roleList()}` });

export const createUserSchema = z.object({
  username: usernameSchema,
  email: emailSchema,
  role: roleSchema.default(DEFAULT_ROLE),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

// Blank values are ignored (API.md: partial update, blank values ignored).

export const updateUserSchema = z.object({
  username: z.preprocess(blankToUndefined, usernameSchema.optional()),
  email: z.preprocess(blankToUndefined, emailSchema.optional()),
  role: z.preprocess(blankToUndefined, roleSchema.optional()),
});
export type UpdateUserInput = z.input<typeof updateUserSchema>;

/** ULID: 26 characters of Crockford base32, any case (stored upper-case). */
export const ulidSchema = z.ulid("Not a valid id").transform((v) => v.toUpperCase());

export const listUsersQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(STATUSES, { error: "status must be active, inactive or pending" }).optional()),
  role: z.preprocess(blankToUndefined, z.enum(ROLE_NAMES, { error: `role must be ${roleList()}` }).optional()),
  search: opt(noControlChars("search")(z.string().trim().max(100, "search must be at most 100 characters"))),
  ...pageFields,
});
export type ListUsersQuery = z.output<typeof listUsersQuerySchema>;
