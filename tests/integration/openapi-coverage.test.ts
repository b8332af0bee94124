// The OpenAPI document covers exactly the REST API that exists: every
// method a route file under app/api/v1 serves is an operation of the
// document with the authentication its route() enforces, and every
// operation of the document is served by a route file. And the document is
// valid OpenAPI 3.1.
import { validate, compileErrors } from "@readme/openapi-parser";
import { readdirSync } from "node:fs";
import path from "node:path";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { buildOpenApiDocument } from "@/lib/server/api/openapi";
import { OPERATIONS } from "@/lib/server/api/operations";
import { closeTestDb } from "../helpers";

afterAll(closeTestDb);

const ROOT = path.join(process.cwd(), "app/api/v1");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
// The catch-all answers every unknown /api/v1 path with a 404 problem: it is no operation.
const CATCH_ALL = "/api/v1/{...slug}";

function routeFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

/** app/api/v1/admin/users/[id]/route.ts -> /api/v1/admin/users/{id} */
const templateOf = (file: string) => "/api/v1" + path.dirname(path.relative(ROOT, file)).replace(/^\.$/, "").split(path.sep).filter(Boolean).map((s) => "/" + s.replace(/^\[(.+)\]$/, "{$1}")).join("");

type Handler = ((...args: unknown[]) => unknown) & { auth?: string; methodNotAllowed?: boolean };

/** "METHOD /template" -> the auth route() enforces, for every method the route files serve. */
function servedOperations(): Map<string, string> {
  const served = new Map<string, string>();
  for (const file of routeFiles()) {
    const template = templateOf(file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, Handler>;
    for (const method of METHODS) {
      const h = mod[method];
      if (typeof h !== "function" || h.methodNotAllowed || template === CATCH_ALL) continue;
      served.set(`${method} ${template}`, h.auth ?? "(not made by route())");
    }
  }
  return served;
}

describe("the OpenAPI document", () => {
  it("finds the route files (the walk itself works)", () => {
    expect(routeFiles().length).toBeGreaterThan(15);
    expect(templateOf(path.join(ROOT, "admin/users/[id]/unlock/route.ts"))).toBe("/api/v1/admin/users/{id}/unlock");
  });

  it("lists every operation a route file serves, and only those", () => {
    const served = [...servedOperations().keys()].sort();
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(documented).toEqual(served);
    expect(Object.keys(OPERATIONS).sort()).toEqual(served);
  });

  it("states the authentication each route enforces", () => {
    const served = servedOperations();
    const mismatched = Object.entries(OPERATIONS)
      .filter(([key, op]) => served.get(key) !== op.auth)
      .map(([key, op]) => `${key}: document says ${op.auth}, route() enforces ${served.get(key)}`);
    expect(mismatched).toEqual([]);
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { security: unknown[] }>> };
    for (const [key, auth] of served) {
      const [method, p] = key.split(" ");
      const security = doc.paths[p][method.toLowerCase()].security;
      expect([key, security]).toEqual([key, auth === "public" ? [] : auth === "bearer" ? [{ bearerAuth: [] }] : [{ sessionCookie: [] }]]);
    }
  });

  it("is valid OpenAPI 3.1", async () => {
    const doc = buildOpenApiDocument();
    const result = await validate(structuredClone(doc) as never);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(result.warnings).toEqual([]);
  });

  it("is served at GET /api/v1/openapi.json to anyone, as JSON", async () => {
    const res = await openApiRoute(new Request("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual(buildOpenApiDocument());
  });

  it("names its schemas from the shared zod schemas and refers only to what it defines", () => {
    const doc = buildOpenApiDocument() as { components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["User", "UserPage", "ActivityPage", "Problem", "ApiLogin"]));
    const text = JSON.stringify(doc);
    const refs = new Set([...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]));
    for (const ref of refs) {
      const target = ref.replace(/^#\//, "").split("/").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
      expect([ref, target !== undefined]).toEqual([ref, true]);
    }
  });
});
