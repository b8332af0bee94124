import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { sendPasswordReset } from "@/lib/server/users/send-password-reset";

/** -> 200 {message, user}: a one-hour reset link is emailed to an active user. */
export const POST = route<{ id: string }>(async ({ ctx, params }) => sendPasswordReset(ctx, params.id));

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
