// The facts an invitation email states, computed once so the HTML and the
// plain-text versions always say the same thing.
import { ROLE_NOTES, ROLE_PERMISSIONS } from "@/lib/roles";
import { ROLE_LABELS, type Role } from "@/lib/schemas/user";
import { formatUtcDateTime } from "./format-date";

export type InvitationEmailProps = {
  username: string;
  role: Role;
  /** The accept URL with its token: /admin/accept-invitation?token=... */
  link: string;
  /** ISO 8601 timestamp. */
  expiresAt: string;
};

export const INVITATION_SUBJECT = "You've been invited to SEL Admin";

export function invitationContent(p: InvitationEmailProps) {
  const roleLabel = ROLE_LABELS[p.role];
  const aRole = `${/^[AEIOU]/.test(roleLabel) ? "an" : "a"} ${roleLabel}`;
  return {
    subject: INVITATION_SUBJECT,
    preview: `Set your password to join SEL Admin as ${aRole}.`,
    greeting: `Hi ${p.username},`,
    intro: `You've been invited to join the SEL Admin interface as ${aRole}.`,
    action: "Click the link below to accept your invitation and set your password:",
    button: "Accept Invitation",
    expiry: `This invitation expires on ${formatUtcDateTime(p.expiresAt)} (7 days from now).`,
    roleHeading: `Your Role: ${p.role}`,
    permissions: ROLE_PERMISSIONS[p.role],
    roleNote: ROLE_NOTES[p.role],
    ignore: "If you didn't expect this invitation, please ignore this email.",
    questions: "Questions? Contact your administrator.",
  };
}

/** The plain-text alternative: the same facts, the full link on its own line. */
export function invitationText(p: InvitationEmailProps): string {
  const c = invitationContent(p);
  return [
    c.greeting,
    "",
    c.intro,
    "",
    c.action,
    p.link,
    "",
    c.expiry,
    "",
    c.roleHeading,
    ...c.permissions.map((x) => `- ${x}`),
    ...(c.roleNote ? ["", c.roleNote] : []),
    "",
    c.ignore,
    "",
    c.questions,
    "",
  ].join("\n");
}
