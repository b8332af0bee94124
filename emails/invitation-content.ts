// The facts an invitation email states, computed once so the HTML and the
// plain-text versions always say the same thing. Pure props: the sender
// (lib/server/email/render.ts) looks up the role and formats the date.

export type InvitationEmailProps = {
  username: string;
  /** The role's name, as the console spells it ("editor"). */
  role: string;
  roleLabel: string;
  /** What the role may do, one line each. */
  permissions: readonly string[];
  roleNote: string | null;
  /** The accept URL with its token: /admin/accept-invitation?token=... */
  link: string;
  /** When the link dies, spelled out for the reader. */
  expires: string;
};

export const INVITATION_SUBJECT = "You've been invited to SEL Admin";

export function invitationContent(p: InvitationEmailProps) {
  const { roleLabel } = p;
  const aRole = `${/^[AEIOU]/.test(roleLabel) ? "an" : "a"} ${roleLabel}`;
  return {
    subject: INVITATION_SUBJECT,
    preview: `Set your password to join SEL Admin as ${aRole}.`,
    greeting: `Hi ${p.username},`,
    intro: `You've been invited to join the SEL Admin interface as ${aRole}.`,
    action: "Click the link below to accept your invitation and set your password:",
    button: "Accept Invitation",
    expiry: `This invitation expires on ${p.expires} (7 days from now).`,
    roleHeading: `Your Role: ${p.role}`,
    permissions: p.permissions,
    roleNote: p.roleNote,
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
