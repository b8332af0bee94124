// The wire shapes My account renders (type-only: nothing server-side is bundled).
export type { SessionDto } from "@/lib/server/account/sessions";
export type { Account } from "@/lib/server/account/get-account";
export type { TwoFactorStatus, TwoFactorSetup, RecoveryCodes } from "@/lib/server/two-factor/service";
