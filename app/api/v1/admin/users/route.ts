import { json, jsonObject, methodNotAllowed, route } from "@/lib/server/adapters/route";
import { createUser } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";

/** GET /api/v1/admin/users?status&role&search&limit&after -> {items, next_cursor, prev_cursor, total} */
export const GET = route(async ({ ctx, query }) => listUsers(ctx, query));

/** POST /api/v1/admin/users {username, email, role?} -> 201 user with Location. */
export const POST = route(async ({ ctx, body }) => {
  const r = await createUser(ctx, jsonObject(await body()));
  if (!r.ok) return r;
  return json(r.data, 201, { location: `/api/v1/admin/users/${r.data.id}` });
});

const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
