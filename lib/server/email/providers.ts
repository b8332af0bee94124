import "server-only";
import nodemailer from "nodemailer";
import { Resend } from "resend";
import { env, type Env } from "../env";
import { logger } from "../logger";

// The three ways an email leaves (EMAIL_PROVIDER): written to the log, SMTP,
// or Resend's HTTP API. Every failure becomes a DeliveryError whose message
// tells an operator what to fix, and never carries a secret or the token.

export type OutgoingEmail = {
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  /** The accept link, for the log provider to print (the only place it is logged). */
  link?: string;
  /** What kind of email this is, for the log provider's line (default "invitation"). */
  label?: string;
  /** Lets an API provider drop a duplicate if a retry follows a lost response. */
  idempotencyKey?: string;
};

export interface Transport {
  readonly name: Env["emailProvider"];
  send(email: OutgoingEmail): Promise<{ id?: string }>;
}

/** A classified delivery failure. Permanent ones are not retried. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

type NodemailerError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

// SMTP servers reply with one line; keep it, minus anything looking like a credential.
const reply = (e: NodemailerError) => (e.response ?? e.message).replace(/\s+/g, " ").slice(0, 200);

export function classifySmtpError(err: unknown, host: string, port: number): DeliveryError {
  const e = (err ?? {}) as NodemailerError;
  const where = `${host}:${port}`;
  const text = String(e.message ?? "");
  if (e.code === "EAUTH" || e.responseCode === 535 || e.responseCode === 534)
    return new DeliveryError("SMTP authentication failed (check SMTP_USER/SMTP_PASSWORD; Gmail needs an App Password)");
  if (text.includes("ECONNREFUSED"))
    return new DeliveryError(`connection refused by ${where} (wrong SMTP host/port or a firewall)`);
  if (e.code === "ETIMEDOUT" || /timeout|ETIMEDOUT/i.test(text)) return new DeliveryError(`timeout connecting to ${where}`);
  if (e.code === "EDNS" || /ENOTFOUND|EAI_AGAIN/.test(text))
    return new DeliveryError(`SMTP host ${host} could not be resolved (check SMTP_HOST)`);
  if (e.code === "ETLS" || /certificate|SSL|TLS/i.test(text))
    return new DeliveryError(`TLS handshake with ${where} failed (check SMTP_SECURE and SMTP_PORT: 465 is TLS, 587 is STARTTLS)`);
  if (e.code === "EENVELOPE" || e.responseCode === 550 || e.responseCode === 553 || e.responseCode === 501) {
    // 4xx is "try later" (greylisting, full mailbox); 5xx is final.
    const permanent = (e.responseCode ?? 550) >= 500;
    return new DeliveryError(`recipient address rejected: ${reply(e)}`, permanent);
  }
  if (e.responseCode && e.responseCode >= 500) return new DeliveryError(`SMTP server refused the message: ${reply(e)}`, true);
  return new DeliveryError(`SMTP delivery to ${where} failed: ${e.code ? `${e.code} ` : ""}${reply(e)}`);
}

type ResendFailure = { statusCode?: number | null; message?: string; name?: string };

export function classifyResendError(err: ResendFailure, timedOut: boolean, timeoutMs: number): DeliveryError {
  const status = err.statusCode ?? null;
  const detail = String(err.message ?? err.name ?? "unknown error").slice(0, 200);
  if (timedOut) return new DeliveryError(`Resend unavailable: no answer within ${timeoutMs} ms`);
  // A wrong or revoked key, or an unverified domain: the admin fixes the configuration, so keep trying.
  if (status === 401 || status === 403) return new DeliveryError(`Resend rejected the API key (check RESEND_API_KEY and the sending domain): ${detail}`);
  if (status === 400 || status === 422) return new DeliveryError(`Resend rejected the message: ${detail}`, true);
  if (status === 429) return new DeliveryError(`Resend rate limit reached: ${detail}`);
  if (status === null) return new DeliveryError(`Resend unavailable: network error (${detail})`);
  return new DeliveryError(`Resend unavailable: HTTP ${status} ${detail}`);
}

function logTransport(): Transport {
  return {
    name: "log",
    async send(email) {
      logger().info(
        { provider: "log", to: email.to },
        `${email.label ?? "invitation"} email not sent (EMAIL_PROVIDER=log): share this link with ${email.to}: ${email.link ?? "(no link)"}`,
      );
      return {};
    },
  };
}

function smtpTransport(e: Env): Transport {
  const host = e.SMTP_HOST ?? "localhost";
  const port = e.SMTP_PORT;
  const mailer = nodemailer.createTransport({
    host,
    port,
    // Port 465 speaks TLS from the first byte; others upgrade with STARTTLS when offered.
    secure: e.SMTP_SECURE ?? port === 465,
    auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD ?? "" } : undefined,
    connectionTimeout: e.SMTP_TIMEOUT_MS,
    greetingTimeout: e.SMTP_TIMEOUT_MS,
    socketTimeout: e.SMTP_TIMEOUT_MS,
  });
  return {
    name: "smtp",
    async send({ to, from, subject, html, text }) {
      try {
        const info = await mailer.sendMail({ to, from, subject, html, text });
        return { id: info.messageId };
      } catch (err) {
        throw classifySmtpError(err, host, port);
      }
    },
  };
}

function resendTransport(e: Env): Transport {
  const client = new Resend(e.RESEND_API_KEY, e.RESEND_BASE_URL ? { baseUrl: e.RESEND_BASE_URL.replace(/\/+$/, "") } : undefined);
  const timeoutMs = e.SMTP_TIMEOUT_MS;
  return {
    name: "resend",
    async send({ to, from, subject, html, text, idempotencyKey }) {
      const signal = AbortSignal.timeout(timeoutMs);
      // The SDK reports failures as { error } rather than throwing (aborts included).
      const res = await client.emails
        .send({ to, from, subject, html, text }, { idempotencyKey, signal })
        .catch((err: unknown) => ({ data: null, error: { statusCode: null, message: (err as Error)?.message } }));
      if (res.error || !res.data) throw classifyResendError(res.error ?? {}, signal.aborted, timeoutMs);
      return { id: res.data.id };
    },
  };
}

let cached: { key: string; transport: Transport } | undefined;

/** The configured transport, built once per configuration. */
export function transport(): Transport {
  const e = env();
  const key = JSON.stringify([e.emailProvider, e.SMTP_HOST, e.SMTP_PORT, e.SMTP_USER, e.SMTP_PASSWORD, e.SMTP_SECURE, e.SMTP_TIMEOUT_MS, e.RESEND_API_KEY, e.RESEND_BASE_URL]);
  if (cached?.key !== key) {
    const t = e.emailProvider === "smtp" ? smtpTransport(e) : e.emailProvider === "resend" ? resendTransport(e) : logTransport();
    cached = { key, transport: t };
  }
  return cached.transport;
}

/** Tests switch providers between cases. */
export function resetTransportForTests(): void {
  cached = undefined;
}
