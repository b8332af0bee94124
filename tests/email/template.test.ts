import { formatLongDateTime } from "@/lib/format-date";
import { ROLES } from "@/lib/roles";
import { renderInvitationEmail } from "@/lib/server/email/render";

const link = "http://sel.test/admin/accept-invitation?token=AbC_123-xyz";
const expiresAt = "2026-11-30T20:15:00.000Z";

describe("invitation email template", () => {
  it.each(["admin", "editor", "viewer"] as const)("states everything the %s invitee needs, in HTML and text", async (role) => {
    const { subject, html, text } = await renderInvitationEmail({ username: "jane.doe", role, link, expiresAt });
    expect(subject).toBe("You've been invited to SEL Admin");
    // React escapes the apostrophe in HTML; compare against the text as a person reads it.
    const readable = html.replace(/&#x27;/g, "'");
    for (const body of [readable, text]) {
      expect(body).toContain("Hi jane.doe,");
      expect(body).toContain(`Your Role: ${role}`);
      expect(body).toContain("This invitation expires on Monday, 30 November 2026 at 20:15 UTC (7 days from now).");
      expect(body).toContain("If you didn't expect this invitation, please ignore this email.");
      expect(body).toContain("Questions? Contact your administrator.");
      for (const p of ROLES[role].permissions) expect(body).toContain(p);
    }
    for (const p of ROLES[role].permissions) expect(text).toContain(`- ${p}`);
    // The link: a button and a plain copy in HTML, on a line of its own in text.
    expect(html.match(/href="http:\/\/sel\.test\/admin\/accept-invitation\?token=AbC_123-xyz"/g)).toHaveLength(2);
    expect(text.split("\n")).toContain(link);
    // Self-contained: no images or stylesheets fetched from elsewhere.
    expect(html).not.toMatch(/<img|<link /i);
  });

  it("names the role with the right article", async () => {
    const admin = await renderInvitationEmail({ username: "a", role: "admin", link, expiresAt });
    expect(admin.text).toContain("You've been invited to join the SEL Admin interface as an Admin.");
    const viewer = await renderInvitationEmail({ username: "v", role: "viewer", link, expiresAt });
    expect(viewer.text).toContain("as a Viewer.");
  });

  it("escapes a username so it cannot inject markup", async () => {
    const { html } = await renderInvitationEmail({ username: "<b>x</b>", role: "viewer", link, expiresAt });
    expect(html).not.toContain("<b>x</b>");
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
  });

  it("formats dates unambiguously in UTC", () => {
    expect(formatLongDateTime("2026-03-04T05:06:00Z")).toBe("Wednesday, 4 March 2026 at 05:06 UTC");
    expect(formatLongDateTime(new Date("2026-12-31T23:59:59.999Z"))).toBe("Thursday, 31 December 2026 at 23:59 UTC");
    expect(() => formatLongDateTime("nope")).toThrow(RangeError);
  });
});
