import "server-only";
import { render } from "@react-email/render";
import { createElement } from "react";
import InvitationEmail, { INVITATION_SUBJECT, invitationText, type InvitationEmailProps } from "@/emails/invitation-email";
import PasswordResetEmail, { PASSWORD_RESET_SUBJECT, passwordResetText, type PasswordResetEmailProps } from "@/emails/password-reset-email";
import { formatLongDateTime } from "@/lib/format-date";
import { ROLES } from "@/lib/roles";
import type { InvitationPayload, PasswordResetPayload } from "./queue";

export type RenderedEmail = { subject: string; html: string; text: string };

// Outbox payloads hold facts (a role name, an ISO time); the templates take
// words, so what a role may do and how a date reads come from one place.

/** Turns an outbox payload into the message a provider sends. */
export async function renderInvitationEmail(p: InvitationPayload): Promise<RenderedEmail> {
  const role = ROLES[p.role];
  const props: InvitationEmailProps = {
    username: p.username,
    role: p.role,
    roleLabel: role.label,
    permissions: role.permissions,
    roleNote: role.note,
    link: p.link,
    expires: formatLongDateTime(p.expiresAt),
  };
  const html = await render(createElement(InvitationEmail, props));
  return { subject: INVITATION_SUBJECT, html, text: invitationText(props) };
}

export async function renderPasswordResetEmail(p: PasswordResetPayload): Promise<RenderedEmail> {
  const props: PasswordResetEmailProps = { username: p.username, link: p.link, expires: formatLongDateTime(p.expiresAt) };
  const html = await render(createElement(PasswordResetEmail, props));
  return { subject: PASSWORD_RESET_SUBJECT, html, text: passwordResetText(props) };
}
