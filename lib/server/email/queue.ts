import "server-only";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/roles";
import type { Tx } from "../db";

/** What an invitation email needs; rendered at send time (emails/). */
export type InvitationPayload = {
  username: string;
  role: Role;
  link: string;
  expiresAt: string;
};

/**
 * Queues an email inside the caller's transaction (the outbox): it is sent
 * only if the transaction commits, and never lost if sending fails.
 */
export async function queueInvitationEmail(
  tx: Tx,
  args: { to: string; invitationId: string; payload: InvitationPayload },
): Promise<void> {
  await tx.emailOutbox.create({
    data: {
      kind: "invitation",
      toAddress: args.to,
      invitationId: args.invitationId,
      payload: args.payload as unknown as P.InputJsonValue,
    },
  });
}

/** What a password reset email needs. */
export type PasswordResetPayload = {
  username: string;
  link: string;
  expiresAt: string;
};

/** Queues a password reset email inside the caller's transaction (see queueInvitationEmail). */
export async function queuePasswordResetEmail(
  tx: Tx,
  args: { to: string; passwordResetId: string; payload: PasswordResetPayload },
): Promise<void> {
  await tx.emailOutbox.create({
    data: {
      kind: "password_reset",
      toAddress: args.to,
      passwordResetId: args.passwordResetId,
      payload: args.payload as unknown as P.InputJsonValue,
    },
  });
}

// After-commit nudge: the worker (lib/server/email/worker.ts) registers
// itself here when the server starts; scripts and tests have no worker and
// deliver explicitly. Kept on globalThis because Next bundles the
// instrumentation hook (which starts the worker) and the route handlers and
// server actions (which queue emails) separately, each with its own copy of
// this module.
const holder = globalThis as unknown as { __selOutboxNudge?: () => void };
export function onOutboxQueued(fn: (() => void) | undefined): void {
  holder.__selOutboxNudge = fn;
}
export function kickOutbox(): void {
  holder.__selOutboxNudge?.();
}
