import { problem } from "@/lib/server/adapters/route";

// Unknown paths under /api/v1 answer like the rest of the API (problem+json),
// not with the HTML not-found page. Known routes are more specific and win.
function notFound(req: Request): Response {
  return problem({ ok: false, code: "not_found", message: "No API endpoint at this path" }, new URL(req.url).pathname);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
