// The wire shapes the users UI renders (type-only: nothing server-side is bundled).
export type { UserDto } from "@/lib/server/users/dto";
export type { UserPage } from "@/lib/server/users/list-users";
