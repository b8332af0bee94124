// The frame every SEL Admin email shares: brand line, greeting, the one call
// to action as a button plus a copyable link, expiry, and the closing notes.
// Inline styles only and no images, so it reads the same in every mail client
// and loads nothing from the network.
import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

const font = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

export const emailStyles = {
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

/** The wording each email supplies; its plain-text version is built from the same fields. */
export type EmailContent = {
  subject: string;
  preview: string;
  greeting: string;
  intro: string;
  action: string;
  button: string;
  expiry: string;
  ignore: string;
  questions: string;
};

type Props = {
  content: EmailContent;
  link: string;
  /** Email-specific sections, placed after the expiry line and before the closing notes. */
  children?: ReactNode;
};

export function EmailLayout({ content: c, link, children }: Props) {
  const s = emailStyles;
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
            <Button href={link} style={s.button}>
              {c.button}
            </Button>
          </Section>
          <Text style={s.muted}>Or copy this link into your browser:</Text>
          <Text style={{ margin: "0 0 16px" }}>
            <Link href={link} style={s.link}>
              {link}
            </Link>
          </Text>
          <Text style={s.text}>{c.expiry}</Text>
          {children}
          <Hr style={s.hr} />
          <Text style={s.muted}>{c.ignore}</Text>
          <Text style={s.muted}>{c.questions}</Text>
        </Container>
      </Body>
    </Html>
  );
}
