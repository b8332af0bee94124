import { route } from "@/lib/server/adapters/route";

// Unknown paths under /api/v1 answer like the rest of the API (problem+json),
// not with the HTML not-found page. Known routes are more specific and win.
const notFound = route<{ slug: string[] }>(async () => ({ ok: false, code: "not_found", message: "No API endpoint at this path" }), { auth: "public" });

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
