import "server-only";
import { render } from "@react-email/render";
import { createElement } from "react";
import InvitationEmail, { INVITATION_SUBJECT, invitationText, type InvitationEmailProps } from "@/emails/invitation-email";
import PasswordResetEmail, { PASSWORD_RESET_SUBJECT, passwordResetText, type PasswordResetEmailProps } from "@/emails/password-reset-email";

export type RenderedEmail = { subject: string; html: string; text: string };

/** Turns an outbox payload into the message a provider sends. */
export async function renderInvitationEmail(props: InvitationEmailProps): Promise<RenderedEmail> {
  const html = await render(createElement(InvitationEmail, props));
  return { subject: INVITATION_SUBJECT, html, text: invitationText(props) };
}

export async function renderPasswordResetEmail(props: PasswordResetEmailProps): Promise<RenderedEmail> {
  const html = await render(createElement(PasswordResetEmail, props));
  return { subject: PASSWORD_RESET_SUBJECT, html, text: passwordResetText(props) };
}
