// The password reset email (self-service "Forgot password?"). Pure props ->
// JSX in the shared email frame; the plain-text version is built from
// the same content so both always say the same thing.
import { EmailLayout, type EmailContent } from "./components/email-layout";
import { formatUtcDateTime } from "./format-date";

export type PasswordResetEmailProps = {
  username: string;
  /** The reset URL with its token: /admin/reset-password?token=... */
  link: string;
  /** ISO 8601 timestamp. */
  expiresAt: string;
};

export const PASSWORD_RESET_SUBJECT = "Reset your SEL Admin password";

export function passwordResetContent(p: PasswordResetEmailProps): EmailContent {
  return {
    subject: PASSWORD_RESET_SUBJECT,
    preview: "Use this link within an hour to choose a new SEL Admin password.",
    greeting: `Hi ${p.username},`,
    intro: "Someone (hopefully you) asked to reset the password of your SEL Admin account.",
    action: "Click the link below to choose a new password:",
    button: "Reset Password",
    expiry: `This link expires on ${formatUtcDateTime(p.expiresAt)} (1 hour from now) and works once.`,
    ignore: "If you didn't ask for this, ignore this email; your password stays the same.",
    questions: "Questions? Contact your administrator.",
  };
}

/** The plain-text alternative: the same facts, the full link on its own line. */
export function passwordResetText(p: PasswordResetEmailProps): string {
  const c = passwordResetContent(p);
  return [c.greeting, "", c.intro, "", c.action, p.link, "", c.expiry, "", c.ignore, "", c.questions, ""].join("\n");
}

export default function PasswordResetEmail(props: PasswordResetEmailProps) {
  return <EmailLayout content={passwordResetContent(props)} link={props.link} />;
}

PasswordResetEmail.PreviewProps = {
  username: "jane.doe",
  link: "http://localhost:3000/admin/reset-password?token=preview-token",
  expiresAt: "2026-11-30T20:15:00.000Z",
} satisfies PasswordResetEmailProps;
