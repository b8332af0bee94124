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
  roleLabel: "Editor",
  permissions: ["Create and edit events, places, and organizations", "View own created content", "Cannot manage users or system settings"],
  roleNote: null,
  link: "http://localhost:3000/admin/accept-invitation?token=preview-token",
  expires: "Monday, 30 November 2026 at 20:15 UTC",
} satisfies InvitationEmailProps;
