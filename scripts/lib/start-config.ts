// What `npm start` checks before it starts anything: the settings parse
// (lib/server/env.ts), and the ones a deployment cannot do without are set.
// With no DATABASE_URL the embedded setup fills in the database and the
// session secret itself.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The problems of the environment, one line each; empty when it is fine. */
export async function configProblems(env: Record<string, string | undefined>, dev: boolean): Promise<string[]> {
  const { parseEnv, ConfigError } = await import("@/lib/server/env");
  let provider: string;
  try {
    provider = parseEnv({
      ...env,
      NODE_ENV: dev ? "development" : "production",
      DATABASE_URL: env.DATABASE_URL || "postgresql://placeholder",
      NEXTAUTH_SECRET: env.NEXTAUTH_SECRET || "placeholder-placeholder",
    }).emailProvider;
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split("\n").slice(1);
    throw e;
  }
  if (dev) return [];
  const sendsEmail = provider === "smtp" || provider === "resend";
  return [
    env.DATABASE_URL && !env.NEXTAUTH_SECRET && "  NEXTAUTH_SECRET: is required with an external DATABASE_URL (openssl rand -base64 32)",
    sendsEmail && !env.APP_URL && `  APP_URL: is required with EMAIL_PROVIDER=${provider} (the links in emails must reach this server)`,
  ].filter((l): l is string => Boolean(l));
}

/** The embedded setup's session secret: generated once into DATA_DIR/nextauth-secret. */
export function secretFromDataDir(dir: string): string {
  const file = path.join(dir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
