import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { activateUser } from "@/lib/server/users/set-user-active";

export const POST = route<{ id: string }>(async ({ ctx, params }) => activateUser(ctx, params.id));

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
