// The invitation email (guide: "Invitation Acceptance Flow"). Pure props ->
// JSX in the shared email frame, plus the invitee's role and what it allows.
import { Heading, Text } from "@react-email/components";
import { EmailLayout, emailStyles as s } from "./components/email-layout";
import { invitationContent, type InvitationEmailProps } from "./invitation-content";

export type { InvitationEmailProps } from "./invitation-content";
export { INVITATION_SUBJECT, invitationText } from "./invitation-content";

export default function InvitationEmail(props: InvitationEmailProps) {
  const c = invitationContent(props);
  return (
    <EmailLayout content={c} link={props.link}>
      <Heading as="h2" style={s.h2}>
        {c.roleHeading}
      </Heading>
      <ul style={s.list}>
        {c.permissions.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      {c.roleNote && <Text style={s.muted}>{c.roleNote}</Text>}
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  username: "jane.doe",
  role: "editor",
  link: "http://localhost:3000/admin/accept-invitation?token=preview-token",
  expiresAt: "2026-11-30T20:15:00.000Z",
} satisfies InvitationEmailProps;
