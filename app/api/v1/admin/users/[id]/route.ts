import { jsonObject, methodNotAllowed, route } from "@/lib/server/adapters/route";
import { deleteUser } from "@/lib/server/users/delete-user";
import { getUser } from "@/lib/server/users/get-user";
import { updateUser } from "@/lib/server/users/update-user";

type Params = { id: string };

export const GET = route<Params>(async ({ ctx, params }) => getUser(ctx, params.id));

/** Partial update: absent or blank fields keep their values. */
export const PUT = route<Params>(async ({ ctx, params, body }) => updateUser(ctx, params.id, jsonObject(await body())));

/** Soft delete; a second delete is 404. */
export const DELETE = route<Params>(
  async ({ ctx, params }) => {
    const r = await deleteUser(ctx, params.id);
    return r.ok ? new Response(null, { status: 204 }) : r;
  },
);

const notAllowed = methodNotAllowed(["GET", "PUT", "DELETE"]);
export { notAllowed as POST, notAllowed as PATCH };
