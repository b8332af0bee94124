import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { revokeApiToken } from "@/lib/server/auth/api-tokens";

// Any signed-in role may log out; route() has already required a valid token.
export const POST = route(async ({ ctx }) => {
  await revokeApiToken(ctx);
  return new Response(null, { status: 204 });
});

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
