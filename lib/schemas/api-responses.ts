import { z } from "./zod";
import { ROLE_NAMES } from "@/lib/roles";
import { STATUSES } from "./user";

// What the REST API answers, as zod schemas: the services' DTO types are
// inferred from these (lib/server/users/dto.ts, ...), and the OpenAPI
// document (lib/server/api/openapi.ts) is generated from them, so the wire
// format, the types and the published description cannot drift apart.
// Isomorphic: no server imports.

export const DELIVERY_STATES = ["queued", "sent", "failed", "not_sent"] as const;

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/).meta({ description: "ULID (26 characters, Crockford base32)", example: "01HQXYZ123456789ABCDEFGHJK" });
const timestamp = z.iso.datetime().meta({ description: "ISO 8601 UTC", example: "2026-02-05T14:30:00.000Z" });
const role = z.enum(ROLE_NAMES);
const cursor = z.string().nullable().meta({ description: "Opaque cursor of the adjacent page (`after` / `before`), or null at the end" });

export const invitationStateSchema = z
  .object({
    expires_at: timestamp,
    sent_at: timestamp.nullable(),
    delivery: z.enum(DELIVERY_STATES).meta({
      description: "queued | sent | failed (last_error holds the mail server's reason) | not_sent (no email provider is configured: hand the invitee the link from invitation-link)",
    }),
    last_error: z.string().nullable(),
  })
  .meta({ id: "InvitationState", description: "The live invitation of a pending user." });

export const userSchema = z
  .object({
    id: ulid,
    username: z.string(),
    email: z.string(),
    role,
    status: z.enum(STATUSES).meta({ description: "pending (invited, never accepted) | active | inactive (deactivated)" }),
    is_active: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
    last_login_at: timestamp.nullable(),
    last_active_at: timestamp.nullable(),
    locked_until: timestamp.nullable().meta({ description: "End of a lockout while too many failed logins keep the account locked, else null" }),
    two_factor: z.boolean().meta({ description: "Whether the user signs in with a second factor (an authenticator app); never the factor itself" }),
    invitation: invitationStateSchema.optional().meta({ description: "Present only for pending users with a live invitation link" }),
  })
  .meta({ id: "User", description: "A user. Deleted users are never returned; no secret is ever part of it." });

export const userPageSchema = z
  .object({ items: z.array(userSchema), next_cursor: cursor, prev_cursor: cursor, total: z.int().min(0).meta({ description: "All matches of the filters" }) })
  .meta({ id: "UserPage" });

export const signedInUserSchema = z.object({ id: ulid, username: z.string(), email: z.string(), role }).meta({ id: "SignedInUser" });

export const apiLoginSchema = z
  .object({ token: z.string().meta({ description: "Send as Authorization: Bearer <token>" }), expires_at: timestamp, user: signedInUserSchema })
  .meta({ id: "ApiLogin" });

export const messageSchema = z.object({ message: z.string() }).meta({ id: "Message" });
export const messageUserSchema = z.object({ message: z.string(), user: userSchema }).meta({ id: "MessageAndUser" });
export const acceptedInvitationSchema = z.object({ message: z.string(), user: signedInUserSchema }).meta({ id: "AcceptedInvitation" });

export const invitationLinkSchema = z
  .object({ link: z.url().meta({ description: "The invitee's link to set a password" }), expires_at: timestamp, user: userSchema })
  .meta({ id: "InvitationLink" });

export const activityItemSchema = z
  .object({
    id: ulid,
    timestamp,
    user_id: ulid.nullable().meta({ description: "The actor; kept when the actor is deleted" }),
    username: z.string().nullable().meta({ description: "The actor's username, or [Deleted User]" }),
    event_type: z.string().meta({ example: "user.login" }),
    resource_type: z.string().nullable(),
    resource_id: z.string().nullable(),
    ip_address: z.string().nullable(),
    user_agent: z.string().nullable(),
    details: z.unknown().meta({ description: "Event-specific JSON" }),
  })
  .meta({ id: "ActivityItem" });

export const activityPageSchema = z
  .object({ items: z.array(activityItemSchema), next_cursor: cursor, prev_cursor: cursor })
  .meta({ id: "ActivityPage" });

/** RFC 9457 problem details, as every error of the API is answered. */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: "https://sel.events/problems/<slug>" }),
    title: z.string(),
    status: z.int(),
    detail: z.string().meta({ description: "The human sentence a UI would show" }),
    instance: z.string().meta({ description: "The request path" }),
    errors: z
      .array(
        z.object({
          field: z.string(),
          message: z.string(),
          rule: z.string().optional().meta({ description: "weak-password only: the unmet rule (length, max, uppercase, lowercase, number, special, username, common, reused)" }),
        }),
      )
      .optional()
      .meta({ description: "Field-level problems, when there are any" }),
  })
  .meta({ id: "Problem" });


/** A verification of the activity chain (GET/POST /api/v1/admin/activity/verify). */
const verificationRunSchema = z
  .object({
    id: z.string(),
    status: z.enum(["running", "ok", "failed", "error", "interrupted"]).meta({ description: "ok: intact; failed: a row was altered, inserted, removed or reordered; error: could not check; interrupted: its server stopped" }),
    started_at: timestamp,
    finished_at: timestamp.nullable(),
    started_by: z.object({ id: z.string().nullable(), username: z.string().nullable() }),
    rows_verified: z.number().int(),
    rows_total: z.number().int(),
    head: z.object({ seq: z.number().int(), hash: z.string() }).nullable().meta({ description: "The chain's head as far as it was verified" }),
    problem: z
      .object({
        kind: z.enum(["altered", "inserted", "removed", "reordered", "broken", "rewritten"]),
        row_id: z.string().nullable(),
        seq: z.number().int().nullable(),
        message: z.string(),
      })
      .nullable()
      .meta({ description: "The first bad row, when the chain is broken" }),
    error: z.string().nullable(),
  })
  .meta({ description: "One verification of the activity chain" });

export const activityIntegritySchema = z
  .object({ running: verificationRunSchema.nullable(), last: verificationRunSchema.nullable() })
  .meta({ id: "ActivityIntegrity", description: "The running verification of the activity chain, if any, and the last one that ended" });
