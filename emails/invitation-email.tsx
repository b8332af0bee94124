// The invitation email (guide: "Invitation Acceptance Flow"). Pure props ->
// JSX; inline styles only and no images, so it reads the same in every mail
// client and loads nothing from the network.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { invitationContent, type InvitationEmailProps } from "./invitation-content";

export type { InvitationEmailProps } from "./invitation-content";
export { INVITATION_SUBJECT, invitationText } from "./invitation-content";

const font = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const s = {
  body: { backgroundColor: "#f6f8fb", fontFamily: font, margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", border: "1px solid #e6e7e9", borderRadius: "6px", margin: "0 auto", maxWidth: "560px", padding: "32px" },
  brand: { color: "#066fd1", fontSize: "14px", fontWeight: 700, letterSpacing: "0.04em", margin: "0 0 16px" },
  text: { color: "#182433", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" },
  button: { backgroundColor: "#066fd1", borderRadius: "4px", color: "#ffffff", display: "inline-block", fontSize: "15px", fontWeight: 600, padding: "12px 20px", textDecoration: "none" },
  link: { color: "#066fd1", fontSize: "13px", lineHeight: "20px", wordBreak: "break-all" as const },
  h2: { color: "#182433", fontSize: "16px", fontWeight: 600, margin: "24px 0 8px" },
  list: { color: "#182433", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px", paddingLeft: "20px" },
  muted: { color: "#6c7a91", fontSize: "13px", lineHeight: "20px", margin: "0 0 8px" },
  hr: { borderColor: "#e6e7e9", margin: "24px 0" },
};

export default function InvitationEmail(props: InvitationEmailProps) {
  const c = invitationContent(props);
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
          <Heading as="h2" style={s.h2}>
            {c.roleHeading}
          </Heading>
          <ul style={s.list}>
            {c.permissions.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          {c.roleNote && <Text style={s.muted}>{c.roleNote}</Text>}
          <Hr style={s.hr} />
          <Text style={s.muted}>{c.ignore}</Text>
          <Text style={s.muted}>{c.questions}</Text>
        </Container>
      </Body>
    </Html>
  );
}

InvitationEmail.PreviewProps = {
  username: "jane.doe",
  role: "editor",
  link: "http://localhost:3000/admin/accept-invitation?token=preview-token",
  expiresAt: "2026-11-30T20:15:00.000Z",
} satisfies InvitationEmailProps;
