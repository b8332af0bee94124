// The password reset email (self-service "Forgot password?"). Pure props ->
// JSX in the shared email frame; the plain-text version is built from
// the same content so both always say the same thing.
import { EmailLayout, type EmailContent } from "./components/email-layout";

export type PasswordResetEmailProps = {
  username: string;
  /** The reset URL with its token: /admin/reset-password?token=... */
  link: string;
  /** When the link dies, spelled out for the reader (the sender formats it). */
  expires: string;
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
    expiry: `This link expires on ${p.expires} (1 hour from now) and works once.`,
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
  expires: "Monday, 30 November 2026 at 20:15 UTC",
} satisfies PasswordResetEmailProps;
