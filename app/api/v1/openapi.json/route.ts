import { json, methodNotAllowed, route } from "@/lib/server/adapters/route";
import { openApiDocument } from "@/lib/server/api/openapi";

/**
 * GET /api/v1/openapi.json: the API's OpenAPI 3.1 description, generated from
 * the operation list and its zod schemas. Public (docs/API.md): it describes
 * the API's shape and holds no data.
 */
export const GET = route(async () => json(openApiDocument(), 200, { "cache-control": "public, max-age=300" }), { auth: "public" });

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
