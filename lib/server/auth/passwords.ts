import "server-only";
import { randomBytes } from "node:crypto";
import { passwordStrength } from "@/lib/password-strength";
import { failedClientRules, RULE_MESSAGES, PASSWORD_MAX, strengthInputs } from "@/lib/schemas/password";
import { env } from "../env";
import { AppError } from "../errors";
import { BcryptPool } from "./bcrypt-pool";

export const BCRYPT_COST = 12;

/** Whose password it is: their words count as easy to guess. */
export type PasswordOwner = { username: string; email?: string };

/** The estimator's user inputs for this person on this node (also handed to the browser's checklist). */
export function ownerInputs(owner: PasswordOwner): string[] {
  return strengthInputs({ ...owner, site: new URL(env().appUrl).hostname });
}

/** Every rule of the policy that the password breaks, as {rule id: message}. */
export function passwordProblems(pw: string, owner?: PasswordOwner): Record<string, string> {
  const problems: Record<string, string> = Object.fromEntries(failedClientRules(pw, owner?.username).map((id) => [id, RULE_MESSAGES[id]]));
  if (pw.length <= PASSWORD_MAX) {
    const strength = passwordStrength(pw, owner ? ownerInputs(owner) : strengthInputs({}));
    if (!strength.ok) problems.common = strength.reason ?? RULE_MESSAGES.common;
  }
  return problems;
}

/** Throws weak_password with one field error per unmet rule. */
export function assertStrongPassword(pw: string, owner?: PasswordOwner): void {
  const problems = passwordProblems(pw, owner);
  if (Object.keys(problems).length) throw weakPassword(problems);
}

/** A weak_password error for the given {rule id: message}. */
export function weakPassword(problems: Record<string, string>): AppError {
  const sentences = Object.values(problems).map((m) => m.replace(/[.]$/, ""));
  return new AppError("weak_password", sentences.join(". ") + ".", prefixKeys(problems));
}

/** The new password may not be the one the account has now (bcrypt-compared). */
export async function assertNotCurrentPassword(pw: string, currentHash: string | null | undefined): Promise<void> {
  if (currentHash && (await verifyPassword(pw, currentHash))) throw weakPassword({ reused: RULE_MESSAGES.reused });
}

// Field errors are keyed "password" for the first and "password.<rule>" for
// each rule, so a form shows one message and the API lists every rule.
function prefixKeys(problems: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, msg] of Object.entries(problems)) out[`password.${id}`] = msg;
  return out;
}

// Hashing runs in worker threads (bcrypt-pool.ts), never on the request
// thread; the pool's queue bounds how many hashes run at once. (A dev reload
// or a test file that makes a new pool leaves the old workers to end idle.)
let pool: BcryptPool | undefined;
const bcryptPool = () => (pool ??= new BcryptPool());

export function hashPassword(pw: string): Promise<string> {
  return bcryptPool().hash(pw, BCRYPT_COST);
}

// A real hash of a random string, so unknown users cost as much as known ones.
let dummy: Promise<string> | undefined;
export async function verifyPassword(pw: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    dummy ??= bcryptPool().hash("dummy-password-for-timing-" + randomBytes(16).toString("hex"), BCRYPT_COST);
    await bcryptPool().compare(pw, await dummy);
    return false;
  }
  return bcryptPool().compare(pw, hash);
}
