// Real mail servers for the email tests, on 127.0.0.1 and random ports: an
// SMTP server (smtp-server) and a stand-in for Resend's HTTP API.
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { resetEnvForTests } from "@/lib/server/env";
import { resetTransportForTests } from "@/lib/server/email/providers";

export type CapturedMail = { to: string[]; from: string; subject: string; text: string; html: string };

type SmtpOptions = { user?: string; password?: string; rejectRecipient?: (address: string) => boolean };

/** An SMTP server that keeps what it receives; optionally requires a login or refuses recipients. */
export async function startSmtp(opts: SmtpOptions = {}) {
  const received: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: !opts.user,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.password) cb(null, { user: auth.username });
      else cb(Object.assign(new Error("Authentication credentials invalid"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (opts.rejectRecipient?.(address.address)) cb(Object.assign(new Error("5.1.1 No such user here"), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((m) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: m.subject ?? "",
            text: m.text ?? "",
            html: typeof m.html === "string" ? m.html : "",
          });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = ((server as unknown as { server: TcpServer }).server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port with nothing listening on it (connection refused). */
export async function freePort(): Promise<number> {
  const s = createTcpServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A TCP server that accepts connections and never says a word (a hung SMTP server). */
export async function startSilentServer() {
  const sockets = new Set<import("node:net").Socket>();
  const s = createTcpServer((sock) => sockets.add(sock));
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  return {
    port,
    close: () => {
      for (const sock of sockets) sock.destroy();
      return new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

export { startResendStandIn, type ResendRequest } from "../support/resend-stand-in";

/** Switches the email settings for the following calls. */
export function useEmailEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  resetTransportForTests();
}

export const EMAIL_VARS = ["EMAIL_PROVIDER", "EMAIL_ENABLED", "EMAIL_FROM", "SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "SMTP_SECURE", "SMTP_TIMEOUT_MS", "RESEND_API_KEY", "RESEND_BASE_URL"];

/** Back to the test defaults (EMAIL_PROVIDER=log). */
export function resetEmailEnv() {
  useEmailEnv({ ...Object.fromEntries(EMAIL_VARS.map((k) => [k, undefined])), EMAIL_PROVIDER: "log" });
}

export function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get("token");
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

export function linkInText(text: string): string {
  const m = /(https?:\/\/\S+\/admin\/accept-invitation\?token=[A-Za-z0-9_%-]+)/.exec(text);
  if (!m) throw new Error("no invitation link in the email");
  return m[1];
}
