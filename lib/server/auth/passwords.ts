import "server-only";
import bcrypt from "bcryptjs";
import { dictionary } from "@zxcvbn-ts/language-common";
import { failedClientRules, RULE_MESSAGES, PASSWORD_MAX } from "@/lib/schemas/password";
import { AppError } from "../errors";

// Common-password list: the 49,000+ entries of @zxcvbn-ts/language-common
// (compiled from public breach corpora by the zxcvbn-ts project).
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common;
}

export const BCRYPT_COST = 12;

export function isCommonPassword(pw: string): boolean {
  return commonPasswords().has(pw.toLowerCase());
}

/** Every rule of the policy that the password breaks, as {rule id: message}. */
export function passwordProblems(pw: string, username?: string): Record<string, string> {
  const failed = failedClientRules(pw, username);
  if (pw.length <= PASSWORD_MAX && isCommonPassword(pw)) failed.push("common");
  return Object.fromEntries(failed.map((id) => [id, RULE_MESSAGES[id]]));
}

/** Throws weak_password with one field error per unmet rule. */
export function assertStrongPassword(pw: string, username?: string): void {
  const problems = passwordProblems(pw, username);
  const messages = Object.values(problems);
  if (messages.length) {
    throw new AppError("weak_password", messages.join(". ") + ".", prefixKeys(problems));
  }
}

// Field errors are keyed "password" for the first and "password.<rule>" for
// each rule, so a form shows one message and the API lists every rule.
function prefixKeys(problems: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, msg] of Object.entries(problems)) out[`password.${id}`] = msg;
  return out;
}

// bcryptjs computes in 100 ms slices between event-loop turns, so dozens of
// hashes at once (a burst of accepts or logins) delay every database round
// trip by seconds: 50 concurrent accepts of one token timed out the winner's
// transaction. A few at a time keep the server responsive; the rest queue.
const BCRYPT_PARALLEL = 2;
let bcryptRunning = 0;
const bcryptQueue: (() => void)[] = [];
async function limited<T>(work: () => Promise<T>): Promise<T> {
  // A finishing job hands its slot straight to the next in line, so the count never overshoots.
  if (bcryptRunning >= BCRYPT_PARALLEL) await new Promise<void>((resolve) => bcryptQueue.push(resolve));
  else bcryptRunning += 1;
  try {
    return await work();
  } finally {
    const next = bcryptQueue.shift();
    if (next) next();
    else bcryptRunning -= 1;
  }
}

export function hashPassword(pw: string): Promise<string> {
  return limited(() => bcrypt.hash(pw, BCRYPT_COST));
}

// A real hash of a random string, so unknown users cost as much as known ones.
let dummy: string | undefined;
export async function verifyPassword(pw: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    dummy ??= await limited(() => bcrypt.hash("dummy-password-for-timing-" + Math.random(), BCRYPT_COST));
    await limited(() => bcrypt.compare(pw, dummy!));
    return false;
  }
  return limited(() => bcrypt.compare(pw, hash));
}
