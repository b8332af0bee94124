import "server-only";
import QRCode from "qrcode";
import {
  confirmTwoFactorSchema,
  disableTwoFactorSchema,
  INVALID_CODE,
  regenerateRecoveryCodesSchema,
  WRONG_PASSWORD,
} from "@/lib/schemas/two-factor";
import { twoFactorPolicyCovers } from "@/lib/roles";
import { recordActivity } from "../activity/record";
import { authorize, type Actor, type Ctx } from "../auth/actor";
import { forgetAfterCommit } from "../auth/actor-cache";
import { countFailure } from "../auth/lockout";
import { verifyPassword } from "../auth/passwords";
import { db, type Tx } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { hit, refund } from "../rate-limit";
import { run, type Result } from "../result";
import { parseInput } from "../validate";
import { lockLiveUser, parseUserId } from "../users/common";
import { toUserDto, userSelect, type UserDto } from "../users/dto";
import { seal, unseal } from "./seal";
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, otpauthUri, TOTP_CODE } from "./totp";

// Two-factor sign-in for one's own account (My account) and the admin's
// reset. The TOTP secret is sealed at rest (seal.ts) and leaves the server
// once, in the setup's answer; recovery codes are stored hashed and shown
// once. Each accepted code moves users.totp_last_step forward in one
// conditional UPDATE, and each recovery code is spent by one, so neither can
// be used twice even by concurrent requests.

export type TwoFactorStatus = {
  enabled: boolean;
  enabled_at: string | null;
  recovery_codes_left: number;
  /** The node requires a second factor for this account's role. */
  required: boolean;
  /** The node's setting (REQUIRE_2FA_FOR_ADMINS): admins must have a second factor. */
  required_for_admins: boolean;
};

/** `qr_code`: the otpauth:// URI as a PNG data URL; `setup_token`: what the confirmation sends back. */
export type TwoFactorSetup = { secret: string; otpauth_uri: string; qr_code: string; setup_token: string };

export type RecoveryCodes = { recovery_codes: string[] };

type Owner = { id: string; username: string; totpSecret: string | null; totpEnabledAt: Date | null };

const ownerSelect = { id: true, username: true, totpSecret: true, totpEnabledAt: true } as const;

export const policyRequires = (role: string) => env().REQUIRE_2FA_FOR_ADMINS && twoFactorPolicyCovers(role);

export function getTwoFactorStatus(ctx: Ctx): Promise<Result<TwoFactorStatus>> {
  return run(async () => {
    const actor = authorize(ctx, "account:manage");
    const [u, left] = await Promise.all([
      db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnabledAt: true } }),
      db().recoveryCode.count({ where: { userId: actor.id, usedAt: null } }),
    ]);
    return { enabled: Boolean(u.totpEnabledAt), enabled_at: u.totpEnabledAt?.toISOString() ?? null, recovery_codes_left: u.totpEnabledAt ? left : 0, required: policyRequires(actor.role), required_for_admins: env().REQUIRE_2FA_FOR_ADMINS };
  });
}

/**
 * Starts a setup: a new secret, shown (as text, as the otpauth:// URI and as
 * its QR code) in this answer only. Nothing is stored yet: the answer also
 * carries the secret sealed for the confirmation (`setup_token`, bound to
 * this user and good for SETUP_TTL_MS), so an abandoned setup leaves nothing
 * behind and a restarted one simply has a new token.
 */
export function startTwoFactorSetup(ctx: Ctx): Promise<Result<TwoFactorSetup>> {
  return run(async () => {
    const actor = authorize(ctx, "account:manage");
    const u = await db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnabledAt: true } });
    if (u.totpEnabledAt) throw new AppError("conflict", "Two-factor authentication is already on");
    const secret = newTotpSecret();
    const uri = otpauthUri(secret, actor.username);
    const qr_code = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 1, width: 200 });
    return { secret, otpauth_uri: uri, qr_code, setup_token: sealSetup(secret, actor.id) };
  });
}

export const SETUP_TTL_MS = 30 * 60_000;
export const SETUP_EXPIRED = "This setup has expired or is not yours: start the setup again";

/** The setup's secret sealed for its confirmation (associated data "setup:<user id>": never a stored secret). */
export function sealSetup(secret: string, userId: string, now = Date.now()): string {
  return seal(`${secret}.${now + SETUP_TTL_MS}`, `setup:${userId}`);
}

function openSetup(token: string, userId: string, now = Date.now()): string | null {
  const plain = unseal(token, `setup:${userId}`);
  const [secret, exp] = plain?.split(".") ?? [];
  return secret && Number(exp) > now ? secret : null;
}

/** The password check of the account forms: a wrong one counts like a failed login (per-account limit and lockout). */
async function checkOwnPassword(ctx: Ctx, actor: Actor, password: string): Promise<void> {
  await hit("login-user", ctx, actor.username);
  const u = await db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, username: true, passwordHash: true } });
  if (!(await verifyPassword(password, u.passwordHash))) {
    await db().$transaction((tx) => countFailure(tx, ctx, u));
    throw new AppError("validation", WRONG_PASSWORD, { password: WRONG_PASSWORD });
  }
  await refund("login-user", ctx, actor.username);
}

/** Replaces the account's recovery codes with ten new ones, returning them in plain text (once). */
async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(normaliseRecoveryCode(c)!) })) });
  return codes;
}

/** Spends a code for the account at `now`: a TOTP code not used before (its step is newer), or an unused recovery code. */
export async function spendSecondFactor(
  tx: Tx,
  user: Owner,
  input: string,
  now = Date.now(),
): Promise<{ ok: false } | { ok: true; via: "totp" } | { ok: true; via: "recovery"; left: number }> {
  if (!user.totpEnabledAt || !user.totpSecret) return { ok: false };
  const code = input.replace(/\s/g, "");
  if (TOTP_CODE.test(code)) {
    const secret = unseal(user.totpSecret, user.id);
    const step = secret ? matchTotp(secret, code, now) : null;
    if (step === null) return { ok: false };
    const n = await tx.$executeRaw`UPDATE users SET totp_last_step = ${step} WHERE id = ${user.id} AND totp_enabled_at IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ${step})`;
    return n === 1 ? { ok: true, via: "totp" } : { ok: false };
  }
  const normalised = normaliseRecoveryCode(code);
  if (!normalised) return { ok: false };
  const n = await tx.$executeRaw`UPDATE recovery_codes SET used_at = now() WHERE user_id = ${user.id} AND code_hash = ${hashRecoveryCode(normalised)} AND used_at IS NULL`;
  if (n !== 1) return { ok: false };
  const left = await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
  return { ok: true, via: "recovery", left };
}

/**
 * Finishes the setup: its token, a current code from the app for its secret
 * and the password. Stores the secret sealed, turns two-factor on (that
 * code's step counts as used) and answers the ten recovery codes, the only
 * time they are shown.
 */
export function confirmTwoFactorSetup(ctx: Ctx, input: unknown): Promise<Result<RecoveryCodes>> {
  return run(async () => {
    const actor = authorize(ctx, "account:manage");
    const data = parseInput(confirmTwoFactorSchema, input);
    await checkOwnPassword(ctx, actor, data.password);
    const secret = openSetup(data.setup_token, actor.id);
    if (!secret) throw new AppError("validation", SETUP_EXPIRED);
    const step = matchTotp(secret, data.code);
    if (step === null) throw new AppError("validation", INVALID_CODE, { code: INVALID_CODE });
    const u = { id: actor.id, username: actor.username };
    const codes = await db().$transaction(async (tx) => {
      // Conditional: of two setups confirmed at once, one wins; the other is told it is already on.
      const n = await tx.user.updateMany({ where: { id: u.id, totpEnabledAt: null }, data: { totpSecret: seal(secret, u.id), totpEnabledAt: new Date(), totpLastStep: step } });
      if (n.count !== 1) throw new AppError("conflict", "Two-factor authentication is already on");
      forgetAfterCommit(tx, u.id);
      const codes = await replaceRecoveryCodes(tx, u.id);
      await recordActivity(tx, ctx, { eventType: "user.2fa_enabled", resourceId: u.id, details: { username: u.username } });
      return codes;
    });
    return { recovery_codes: codes };
  });
}

/** Ten new recovery codes; the old ones stop working. Needs the password. */
export function regenerateRecoveryCodes(ctx: Ctx, input: unknown): Promise<Result<RecoveryCodes>> {
  return run(async () => {
    const actor = authorize(ctx, "account:manage");
    const data = parseInput(regenerateRecoveryCodesSchema, input);
    await checkOwnPassword(ctx, actor, data.password);
    const codes = await db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM users WHERE id = ${actor.id} FOR UPDATE`;
      const u = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnabledAt: true } });
      if (!u.totpEnabledAt) throw new AppError("conflict", "Two-factor authentication is off");
      return replaceRecoveryCodes(tx, actor.id);
    });
    return { recovery_codes: codes };
  });
}

/** Turns one's own two-factor off: the password and a code (app or recovery). */
export function disableTwoFactor(ctx: Ctx, input: unknown): Promise<Result<TwoFactorStatus>> {
  return run(async () => {
    const actor = authorize(ctx, "account:manage");
    const data = parseInput(disableTwoFactorSchema, input);
    if (policyRequires(actor.role)) throw new AppError("conflict", "This node requires two-factor authentication for admins: it cannot be turned off");
    await checkOwnPassword(ctx, actor, data.password);
    const done = await db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM users WHERE id = ${actor.id} FOR UPDATE`;
      const u = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: ownerSelect });
      if (!u.totpEnabledAt) throw new AppError("conflict", "Two-factor authentication is already off");
      if (!(await spendSecondFactor(tx, u, data.code)).ok) return false;
      await clearTwoFactor(tx, u.id);
      await recordActivity(tx, ctx, { eventType: "user.2fa_disabled", resourceId: u.id, details: { username: u.username } });
      return true;
    });
    if (!done) {
      // A wrong code counts like a wrong password: a borrowed session cannot guess codes.
      await db().$transaction((tx) => countFailure(tx, ctx, actor));
      throw new AppError("validation", INVALID_CODE, { code: INVALID_CODE });
    }
    return { enabled: false, enabled_at: null, recovery_codes_left: 0, required: false, required_for_admins: env().REQUIRE_2FA_FOR_ADMINS };
  });
}

async function clearTwoFactor(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
  await tx.recoveryCode.deleteMany({ where: { userId } });
  forgetAfterCommit(tx, userId);
}

/**
 * An admin turns another user's two-factor off (a lost phone and lost
 * recovery codes): the user signs in with the password alone and sets it up
 * again. The admin never sees the secret or the codes. One's own is turned
 * off on My account, with the password and a code.
 */
export function resetUserTwoFactor(ctx: Ctx, id: unknown): Promise<Result<UserDto>> {
  return run(async () => {
    const actor = authorize(ctx, "users:write");
    const userId = parseUserId(id);
    if (userId === actor.id) throw new AppError("validation", "Turn off your own two-factor authentication on My account");
    return db().$transaction(async (tx) => {
      const u = await lockLiveUser(tx, userId);
      if (!u.totpEnabledAt) throw new AppError("validation", "This user has no two-factor authentication to reset");
      await clearTwoFactor(tx, userId);
      await recordActivity(tx, ctx, { eventType: "user.2fa_reset", resourceId: userId, details: { username: u.username } });
      return toUserDto(await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect }));
    });
  });
}
