// Real mail servers for the email tests, on 127.0.0.1 and random ports: an
// SMTP server (smtp-server) and a stand-in for Resend's HTTP API.
import { createServer as createHttpServer, type IncomingMessage, type Server } from "node:http";
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

export type ResendRequest = { authorization?: string; idempotencyKey?: string; body: { from: string; to: string | string[]; subject: string; html: string; text: string } };
type Mode = "ok" | "hang" | number;

/** Resend's POST /emails, answered as told: "ok", an HTTP status, or no answer at all. */
export async function startResendStandIn() {
  const requests: (ResendRequest & { status: number | "hang" })[] = [];
  let mode: Mode = "ok";
  let n = 0;
  const hanging = new Set<import("node:http").ServerResponse>();
  const server: Server = createHttpServer((req: IncomingMessage, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/emails") {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ name: "not_found", message: "Not found", statusCode: 404 }));
        return;
      }
      const entry = {
        authorization: req.headers.authorization,
        idempotencyKey: req.headers["idempotency-key"] as string | undefined,
        body: JSON.parse(raw),
        status: mode === "ok" ? 200 : mode,
      };
      requests.push(entry);
      if (mode === "hang") {
        hanging.add(res);
        return;
      }
      if (mode === "ok") {
        n += 1;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `re_${n}` }));
        return;
      }
      const messages: Record<number, string> = { 401: "API key is invalid", 403: "The domain is not verified", 422: "Invalid `to` field", 500: "Internal server error" };
      res
        .writeHead(mode, { "content-type": "application/json" })
        .end(JSON.stringify({ statusCode: mode, name: mode >= 500 ? "internal_server_error" : "validation_error", message: messages[mode] ?? "error" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setMode: (m: Mode) => (mode = m),
    /** Successful deliveries per recipient. */
    deliveredTo: () => {
      const counts = new Map<string, number>();
      for (const r of requests) if (r.status === 200) for (const to of [r.body.to].flat()) counts.set(to, (counts.get(to) ?? 0) + 1);
      return counts;
    },
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

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
