// The password reset email (self-service "Forgot password?"). Pure props ->
// JSX, styled like the invitation email; the plain-text version is built from
// the same content so both always say the same thing.
import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { formatUtcDateTime } from "./format-date";

export type PasswordResetEmailProps = {
  username: string;
  /** The reset URL with its token: /admin/reset-password?token=... */
  link: string;
  /** ISO 8601 timestamp. */
  expiresAt: string;
};

export const PASSWORD_RESET_SUBJECT = "Reset your SEL Admin password";

export function passwordResetContent(p: PasswordResetEmailProps) {
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

const font = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const s = {
  body: { backgroundColor: "#f6f8fb", fontFamily: font, margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", border: "1px solid #e6e7e9", borderRadius: "6px", margin: "0 auto", maxWidth: "560px", padding: "32px" },
  brand: { color: "#066fd1", fontSize: "14px", fontWeight: 700, letterSpacing: "0.04em", margin: "0 0 16px" },
  text: { color: "#182433", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" },
  button: { backgroundColor: "#066fd1", borderRadius: "4px", color: "#ffffff", display: "inline-block", fontSize: "15px", fontWeight: 600, padding: "12px 20px", textDecoration: "none" },
  link: { color: "#066fd1", fontSize: "13px", lineHeight: "20px", wordBreak: "break-all" as const },
  muted: { color: "#6c7a91", fontSize: "13px", lineHeight: "20px", margin: "0 0 8px" },
  hr: { borderColor: "#e6e7e9", margin: "24px 0" },
};

export default function PasswordResetEmail(props: PasswordResetEmailProps) {
  const c = passwordResetContent(props);
  return (
    <Html lang="en">
      <Head>
        <title>{c.subject}</title>
      </Head>
      <Preview>{c.preview}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Text style={s.brand}>SEL Admin</Text>
          <Text style={s.text}>{c.greeting}</Text>
          <Text style={s.text}>{c.intro}</Text>
          <Text style={s.text}>{c.action}</Text>
          <Section style={{ margin: "0 0 16px" }}>
            <Button href={props.link} style={s.button}>
              {c.button}
            </Button>
          </Section>
          <Text style={s.muted}>Or copy this link into your browser:</Text>
          <Text style={{ margin: "0 0 16px" }}>
            <Link href={props.link} style={s.link}>
              {props.link}
            </Link>
          </Text>
          <Text style={s.text}>{c.expiry}</Text>
          <Hr style={s.hr} />
          <Text style={s.muted}>{c.ignore}</Text>
          <Text style={s.muted}>{c.questions}</Text>
        </Container>
      </Body>
    </Html>
  );
}

PasswordResetEmail.PreviewProps = {
  username: "jane.doe",
  link: "http://localhost:3000/admin/reset-password?token=preview-token",
  expiresAt: "2026-11-30T20:15:00.000Z",
} satisfies PasswordResetEmailProps;
