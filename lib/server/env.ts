import "server-only";
import { z } from "zod";

// The only place that reads process.env. Parsed and validated once; a bad
// setting stops the process with a message that names it.

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const int = (dflt: number, min = 0) =>
  z.coerce.number().int().min(min).default(dflt);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: int(3000, 1),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
    APP_URL: z.string().url("must be an absolute URL such as https://admin.example.org").optional(),
    NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** How many reverse proxies in front of the app append to X-Forwarded-For. */
    TRUST_PROXY_HOPS: int(0),

    EMAIL_ENABLED: bool.optional(),
    EMAIL_PROVIDER: z.enum(["log", "smtp", "resend"]).optional(),
    EMAIL_FROM: z.string().min(3).default("SEL Admin <no-reply@localhost>"),
    SMTP_HOST: z.string().optional(),
    SMTP_PORT: int(587, 1),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    SMTP_SECURE: bool.optional(),
    SMTP_TIMEOUT_MS: int(15000, 100),
    RESEND_API_KEY: z.string().optional(),
    RESEND_BASE_URL: z.string().url().optional(),
    /** Seconds between sweeps of the email outbox for retries and leftovers. */
    OUTBOX_POLL_SECONDS: int(30, 1),
    /** Minutes between housekeeping rounds (pruning expired rows). */
    HOUSEKEEPING_INTERVAL_MINUTES: int(60, 1),
    /** Days a dead token, session or sent email is kept before it is pruned. */
    HOUSEKEEPING_RETENTION_DAYS: int(30, 1),

    /** Also append every activity event to this file, in the guide's line format (docs/audit-trail.md). */
    AUDIT_LOG_FILE: z.string().optional(),
    /** Minutes between anchors of the activity chain written to the audit stream; 0: only on demand. */
    AUDIT_ANCHOR_INTERVAL_MINUTES: int(60),
    /** Days activity rows stay in the database before they are archived to DATA_DIR/archive/; unset: forever. */
    ACTIVITY_RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
    /** The node's data folder (the embedded database, its secrets, activity archives). */
    DATA_DIR: z.string().default("data"),

    RATE_LIMIT_LOGIN_PER_MINUTE: int(5, 1),
    RATE_LIMIT_PUBLIC_PER_MINUTE: int(10, 1),
    RATE_LIMIT_API_PER_MINUTE: int(100, 1),

    /** Failed logins of one account within LOCKOUT_WINDOW_MINUTES that lock it... */
    LOCKOUT_THRESHOLD: int(10, 1),
    LOCKOUT_WINDOW_MINUTES: int(15, 1),
    /** ...for this long (or until an admin unlocks it). */
    LOCKOUT_MINUTES: int(15, 1),
    /** Admins must set up two-factor sign-in before any admin page or API call works (lib/roles.ts twoFactorPolicy). */
    REQUIRE_2FA_FOR_ADMINS: bool.default(false),
    /** Server processes sharing the port (scripts/serve.js); one per core is the usual choice. */
    WEB_CONCURRENCY: int(1, 1),
    /** Remember live session checks in process, forgotten through PostgreSQL notifications (lib/server/auth/actor-cache.ts). */
    SESSION_CACHE: bool.default(true),
  })
  .superRefine((e, ctx) => {
    if (e.NODE_ENV === "production" && !e.DATABASE_URL)
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "is required (npm start sets it for the embedded database)" });
    if (e.NODE_ENV === "production" && !e.NEXTAUTH_SECRET)
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required in production (openssl rand -base64 32)" });
    const provider = e.EMAIL_ENABLED === false ? "log" : (e.EMAIL_PROVIDER ?? "log");
    if (provider === "smtp" && !e.SMTP_HOST)
      ctx.addIssue({ code: "custom", path: ["SMTP_HOST"], message: "is required when EMAIL_PROVIDER=smtp" });
    if (provider === "resend" && !e.RESEND_API_KEY)
      ctx.addIssue({ code: "custom", path: ["RESEND_API_KEY"], message: "is required when EMAIL_PROVIDER=resend" });
  });

export type Env = z.infer<typeof schema> & {
  appUrl: string;
  emailProvider: "log" | "smtp" | "resend";
  databaseUrl: string;
  secret: string;
};

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    ...e,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    emailProvider: e.EMAIL_ENABLED === false ? "log" : (e.EMAIL_PROVIDER ?? "log"),
    databaseUrl: e.DATABASE_URL ?? "",
    // Development without a secret still works (sessions end on restart);
    // production is refused above.
    secret: e.NEXTAUTH_SECRET ?? "sel-admin-development-secret-not-for-production",
  };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change settings between cases; this forgets the parsed copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}
