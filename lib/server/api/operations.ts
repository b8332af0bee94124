import "server-only";
import type { ErrorCode } from "@/lib/result-types";
import { activityFilterSchema, activityQuerySchema, userActivityQuerySchema } from "@/lib/schemas/activity";
import {
  acceptedInvitationSchema,
  activityIntegritySchema,
  activityPageSchema,
  apiLoginSchema,
  invitationLinkSchema,
  messageSchema,
  messageUserSchema,
  userPageSchema,
  userSchema,
} from "@/lib/schemas/api-responses";
import { requestPasswordResetSchema, confirmPasswordResetSchema } from "@/lib/schemas/password-reset";
import { acceptInvitationSchema, loginSchema } from "@/lib/schemas/password";
import { createUserSchema, listUsersQuerySchema, updateUserSchema } from "@/lib/schemas/user";
import type { z } from "@/lib/schemas/zod";

// Every operation of the REST API under /api/v1, with the same zod schemas
// the services parse and answer with. The OpenAPI document
// (/api/v1/openapi.json, lib/server/api/openapi.ts) is generated from this
// list; tests/integration/openapi-coverage.test.ts fails when a route file
// serves a method this list lacks (or the list names one no route serves),
// and when an entry's `auth` is not what its route() enforces.

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Operation = {
  summary: string;
  description?: string;
  tag: "Authentication" | "Users" | "Invitations" | "Activity" | "Password reset" | "API description";
  /** As route() enforces it: "bearer" (API token), "session" (the console's cookie) or "public". */
  auth: "bearer" | "session" | "public";
  /** Who may call it once authenticated (bearer and session routes). */
  access?: "admin" | "signed-in";
  query?: z.ZodType;
  body?: z.ZodType;
  success: {
    status: number;
    description: string;
    /** JSON answers: their schema. Other media types name theirs below. */
    schema?: z.ZodType;
    /** A non-JSON answer: its media type (the body is described as a string). */
    mediaType?: string;
    headers?: Record<string, string>;
  };
  /** Expected failures beyond those every operation of its kind has (see openapi.ts: implicitErrors). */
  errors?: ErrorCode[];
  /** The answers carry X-RateLimit-* (every bearer route does; public ones that count a limit). */
  rateLimited?: boolean;
};

const USER_ID = "The user's id (a ULID); a malformed one is 400, an unknown or deleted one 404.";

export const OPERATIONS: Record<`${Method} /api/v1/${string}`, Operation> = {
  "POST /api/v1/admin/login": {
    summary: "Log in: exchange a username (or email) and password for a bearer token",
    description:
      "Wrong password, unknown, pending, deactivated, deleted and locked-out users all get the same 401 `Invalid credentials`. A user with two-factor authentication who sends no `otp` (or a wrong one) after the right password gets 401 `otp-required`. Limited to 5 a minute per IP and per username.",
    tag: "Authentication",
    auth: "public",
    body: loginSchema,
    success: { status: 200, description: "A bearer token for the other routes", schema: apiLoginSchema },
    errors: ["unauthorized", "otp_required"],
    rateLimited: true,
  },
  "POST /api/v1/admin/logout": {
    summary: "Log out: revoke the token this request carries",
    tag: "Authentication",
    auth: "bearer",
    access: "signed-in",
    success: { status: 204, description: "The token is revoked" },
  },
  "GET /api/v1/admin/users": {
    summary: "List users",
    description: "Newest first, keyset-paged: pass the previous page's `next_cursor` as `after`. `total` counts every match of the filters.",
    tag: "Users",
    auth: "bearer",
    access: "admin",
    query: listUsersQuerySchema,
    success: { status: 200, description: "One page of users", schema: userPageSchema },
  },
  "POST /api/v1/admin/users": {
    summary: "Create a user and send the invitation",
    description: "The role defaults to viewer. A username or email already taken (deleted users included) is 409.",
    tag: "Users",
    auth: "bearer",
    access: "admin",
    body: createUserSchema,
    success: { status: 201, description: "The new (pending) user", schema: userSchema, headers: { Location: "The user's URL" } },
    errors: ["conflict"],
  },
  "GET /api/v1/admin/users/{id}": {
    summary: "Get a user",
    tag: "Users",
    auth: "bearer",
    access: "admin",
    success: { status: 200, description: "The user", schema: userSchema },
  },
  "PUT /api/v1/admin/users/{id}": {
    summary: "Update a user (partial: absent or blank fields keep their values)",
    description: "409 when the new username or email is taken, or when demoting the last active admin.",
    tag: "Users",
    auth: "bearer",
    access: "admin",
    body: updateUserSchema,
    success: { status: 200, description: "The updated user", schema: userSchema },
    errors: ["conflict"],
  },
  "DELETE /api/v1/admin/users/{id}": {
    summary: "Delete a user (soft delete; a second delete is 404)",
    description: "The last active admin cannot be deleted (409).",
    tag: "Users",
    auth: "bearer",
    access: "admin",
    success: { status: 204, description: "Deleted" },
    errors: ["conflict"],
  },
  "POST /api/v1/admin/users/{id}/deactivate": {
    summary: "Deactivate an active user",
    description: "400 unless the user is active; 409 for the last active admin. Their sessions and tokens stop working at once.",
    tag: "Users",
    auth: "bearer",
    access: "admin",
    success: { status: 200, description: "The deactivated user", schema: userSchema },
    errors: ["conflict"],
  },
  "POST /api/v1/admin/users/{id}/activate": {
    summary: "Activate a deactivated user",
    description: "400 unless the user is inactive.",
    tag: "Users",
    auth: "bearer",
    access: "admin",
    success: { status: 200, description: "The active user", schema: userSchema },
  },
  "POST /api/v1/admin/users/{id}/unlock": {
    summary: "End a lockout after too many failed logins",
    description: "400 when the account is not locked.",
    tag: "Users",
    auth: "bearer",
    access: "admin",
    success: { status: 200, description: "The unlocked user", schema: userSchema },
  },
  "POST /api/v1/admin/users/{id}/reset-2fa": {
    summary: "Remove a user's second factor (authenticator app and recovery codes)",
    description: "The user signs in with the password alone and must set two-factor authentication up again. 400 when the user has none, or it is the caller's own.",
    tag: "Users",
    auth: "bearer",
    access: "admin",
    success: { status: 200, description: "The user, without a second factor", schema: userSchema },
  },
  "POST /api/v1/admin/users/{id}/send-password-reset": {
    summary: "Email an active user a one-hour password reset link",
    description: "400 unless the user is active.",
    tag: "Users",
    auth: "bearer",
    access: "admin",
    success: { status: 200, description: "Where the link went, and the user", schema: messageUserSchema },
  },
  "POST /api/v1/admin/users/{id}/resend-invitation": {
    summary: "Send a pending user a new invitation (the old link dies; the new one lives 7 days)",
    description: "400 unless the user is pending.",
    tag: "Invitations",
    auth: "bearer",
    access: "admin",
    success: { status: 200, description: "Where the invitation went, and the user", schema: messageUserSchema },
  },
  "POST /api/v1/admin/users/{id}/revoke-invitation": {
    summary: "Withdraw a pending user's invitation link",
    description: "400 unless the user is pending with a live link. The user stays pending until the invitation is resent.",
    tag: "Invitations",
    auth: "bearer",
    access: "admin",
    success: { status: 200, description: "The user, now without a live link", schema: messageUserSchema },
  },
  "POST /api/v1/admin/users/{id}/invitation-link": {
    summary: "Issue a fresh invitation link to hand over (no email provider configured only)",
    description:
      "Only with EMAIL_PROVIDER=log: otherwise 409, since links then go to the invitee only. 400 unless the user is pending. The older link dies; no email is queued; recorded as activity.",
    tag: "Invitations",
    auth: "bearer",
    access: "admin",
    success: { status: 200, description: "The link, its expiry and the user", schema: invitationLinkSchema },
    errors: ["conflict"],
  },
  "GET /api/v1/admin/users/{id}/activity": {
    summary: "A user's activity, as actor or target",
    tag: "Activity",
    auth: "bearer",
    access: "admin",
    query: userActivityQuerySchema,
    success: { status: 200, description: "One page of activity, newest first", schema: activityPageSchema },
  },
  "GET /api/v1/admin/activity": {
    summary: "The activity log",
    description: "Newest first, keyset-paged. Dates are inclusive UTC days (YYYY-MM-DD); the end must not be before the start.",
    tag: "Activity",
    auth: "bearer",
    access: "admin",
    query: activityQuerySchema,
    success: { status: 200, description: "One page of activity", schema: activityPageSchema },
  },
  "GET /api/v1/admin/activity/verify": {
    summary: "The activity chain's integrity: the running verification and the last result",
    tag: "Activity",
    auth: "bearer",
    access: "admin",
    success: { status: 200, description: "The running verification (or null) and the last one that ended (or null)", schema: activityIntegritySchema },
  },
  "POST /api/v1/admin/activity/verify": {
    summary: "Start verifying the activity chain in the background (or join the running verification)",
    tag: "Activity",
    auth: "bearer",
    access: "admin",
    success: { status: 202, description: "The verification now running, and the last result", schema: activityIntegritySchema },
  },
  "GET /api/v1/admin/activity/export.csv": {
    summary: "Export the activity log as CSV",
    description: "The list's filters; streamed. Columns: Timestamp, User, Event Type, Resource, IP Address, Details.",
    tag: "Activity",
    auth: "bearer",
    access: "admin",
    query: activityFilterSchema,
    success: {
      status: 200,
      description: "The CSV file",
      mediaType: "text/csv",
      headers: { "Content-Disposition": 'attachment; filename="activity_log_YYYYMMDD.csv"' },
    },
  },
  "POST /api/v1/accept-invitation": {
    summary: "Accept an invitation: set the password",
    description:
      "An expired, used, superseded, withdrawn or unknown token is 400 invalid-invitation; a weak password is 400 weak-password (one `errors` entry per unmet rule) and the token stays usable. Limited to 10 a minute per IP.",
    tag: "Invitations",
    auth: "public",
    body: acceptInvitationSchema,
    success: { status: 200, description: "The account is active", schema: acceptedInvitationSchema },
    errors: ["weak_password", "invalid_invitation"],
    rateLimited: true,
  },
  "POST /api/v1/password-reset": {
    summary: "Request a password reset link by email",
    description: "The same answer whether or not the address has an account. Limited to 10 a minute per IP.",
    tag: "Password reset",
    auth: "public",
    body: requestPasswordResetSchema,
    success: { status: 202, description: "Accepted", schema: messageSchema },
    rateLimited: true,
  },
  "POST /api/v1/password-reset/confirm": {
    summary: "Set a new password with a reset token",
    description:
      "A used, superseded, expired or unknown token is 400 invalid-token; a weak password, or the current one (rule `reused`), is 400 weak-password and the link stays usable.",
    tag: "Password reset",
    auth: "public",
    body: confirmPasswordResetSchema,
    success: { status: 200, description: "The password is changed", schema: messageSchema },
    errors: ["weak_password", "invalid_token"],
    rateLimited: true,
  },
  "GET /api/v1/openapi.json": {
    summary: "This API's OpenAPI 3.1 description",
    description: "Public: it describes the API's shape and holds no data.",
    tag: "API description",
    auth: "public",
    success: { status: 200, description: "The OpenAPI document", mediaType: "application/json" },
  },
};

export const PATH_PARAMS: Record<string, string> = { id: USER_ID };
