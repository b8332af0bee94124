import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/forbidden";
import { UsersScreen } from "@/components/users/users-screen";
import { ROLE_NAMES } from "@/lib/roles";
import { STATUSES } from "@/lib/schemas/user";
import { page } from "@/lib/server/adapters/page";
import { countActiveAdmins } from "@/lib/server/users/active-admins";
import { listUsers } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 25;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
// An unknown status or role in a hand-edited URL means "All", not an error page.
const oneOf = <T extends string>(v: string, allowed: readonly T[]): T | "" => ((allowed as readonly string[]).includes(v) ? (v as T) : "");

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const filters = { status: oneOf(one(sp.status), STATUSES), role: oneOf(one(sp.role), ROLE_NAMES), search: one(sp.search).trim().slice(0, 100) };
  const after = one(sp.after);
  const before = one(sp.before);
  const p = await page("users:read", (ctx) =>
    Promise.all([listUsers(ctx, { ...filters, limit: PAGE_SIZE, after: after || undefined, before: after ? undefined : before || undefined }), countActiveAdmins(ctx)]),
  );
  if (!p.ok) return <Forbidden />;
  const [r, admins] = p.data;
  if (!admins.ok) throw new Error(admins.message);
  // A mangled cursor is the only input left that the service can refuse.
  const error = r.ok ? null : r.code === "validation" ? "This page link is no longer valid. Clear the filters to start again." : r.message;
  return <UsersScreen page={r.ok ? r.data : null} error={error} filters={filters} selfId={p.ctx.actor.id} activeAdmins={admins.data} now={p.now} />;
}
