import "server-only";
import type { ErrorCode } from "@/lib/result-types";
import * as answers from "@/lib/schemas/api-responses";
import { ulidSchema } from "@/lib/schemas/user";
import { z } from "@/lib/schemas/zod";
import { PROBLEM_TYPE_BASE, PROBLEMS } from "../errors";
import { OPERATIONS, PATH_PARAMS, type Method, type Operation } from "./operations";

// The OpenAPI 3.1 document of the REST API, generated from the operation list
// (operations.ts) and its zod schemas with zod's own JSON Schema output
// (draft 2020-12, the dialect of OpenAPI 3.1): request bodies and query
// parameters as the schemas accept them, answers as the services produce
// them. Served at GET /api/v1/openapi.json and shown on /admin/api-docs.

type Json = Record<string, unknown>;

const COMPONENT = "#/components/schemas/";
const TARGET = { target: "draft-2020-12" as const, unrepresentable: "any" as const, uri: (id: string) => COMPONENT + id };

/** A schema as JSON Schema, named sub-schemas as $refs into components (they are collected there). */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const id = idOf(schema);
  if (id) return { $ref: COMPONENT + id };
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { ...TARGET, io, reused: "inline", cycles: "ref" }) as Json;
  return stripDefs(rest);
}

// Single-schema output puts named sub-schemas under $defs with $ref
// "#/components/schemas/<id>" (the uri option); components holds them once.
function stripDefs(s: Json): Json {
  const { $defs: _defs, ...rest } = s;
  return rest;
}

const idOf = (s: z.ZodType) => (z.globalRegistry.get(s) as { id?: string } | undefined)?.id;

/** Every named schema (.meta({ id })) of the answers, as components ($refs between them). */
function components(io: "input" | "output"): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const s of Object.values(answers)) {
    const id = s instanceof z.ZodType ? idOf(s) : undefined;
    if (id) registry.add(s as z.ZodType, { id });
  }
  const result = z.toJSONSchema(registry, { ...TARGET, io }) as { schemas: Record<string, Json> };
  return Object.fromEntries(
    Object.entries(result.schemas).map(([id, s]) => {
      const { $schema: _drop, $id: _id, ...rest } = s;
      return [id, rest];
    }),
  );
}

/** Failures every operation of its kind can answer, besides its own `errors`. */
export function implicitErrors(path: string, op: Operation): ErrorCode[] {
  const codes: ErrorCode[] = [];
  if (op.auth !== "public") codes.push("unauthorized");
  // An admin without a second factor on a node that requires one: 403 two-factor-required.
  if (op.access === "admin") codes.push("forbidden", "two_factor_required");
  if (op.body || op.query || path.includes("{")) codes.push("validation");
  if (path.includes("{")) codes.push("not_found");
  if (op.body) codes.push("payload_too_large");
  if (op.auth === "bearer" || op.rateLimited) codes.push("rate_limited");
  codes.push("server_error");
  return codes;
}

export function errorCodes(path: string, op: Operation): ErrorCode[] {
  return [...new Set([...implicitErrors(path, op), ...(op.errors ?? [])])];
}

const RATE_HEADERS = {
  "X-RateLimit-Limit": { $ref: "#/components/headers/RateLimitLimit" },
  "X-RateLimit-Remaining": { $ref: "#/components/headers/RateLimitRemaining" },
  "X-RateLimit-Reset": { $ref: "#/components/headers/RateLimitReset" },
};

function problemResponses(path: string, op: Operation): Record<string, Json> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(path, op)) {
    const status = PROBLEMS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const limited = op.auth === "bearer" || op.rateLimited;
  const out: Record<string, Json> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const types = codes.map((c) => PROBLEM_TYPE_BASE + PROBLEMS[c].slug);
    out[String(status)] = {
      description: codes.map((c) => `${PROBLEMS[c].slug}: ${PROBLEMS[c].title}`).join("; "),
      ...(limited && {
        headers: { ...RATE_HEADERS, ...(status === 429 && { "Retry-After": { description: "Seconds until the limit resets", schema: { type: "integer" } } }) },
      }),
      content: {
        "application/problem+json": {
          schema: { allOf: [{ $ref: COMPONENT + "Problem" }, { properties: { type: { enum: types }, status: { const: status } } }] },
        },
      },
    };
  }
  return out;
}

function parameters(path: string, op: Operation): Json[] {
  const params: Json[] = [];
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    params.push({ name, in: "path", required: true, description: PATH_PARAMS[name], schema: jsonSchema(ulidSchema, "input") });
  }
  if (op.query) {
    const q = jsonSchema(op.query, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...rest } = schema as Json & { description?: string };
      params.push({ name, in: "query", required: q.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest });
    }
  }
  return params;
}

const SECURITY: Record<Operation["auth"], Json[]> = { bearer: [{ bearerAuth: [] }], session: [{ sessionCookie: [] }], public: [] };

function operation(method: Method, path: string, op: Operation): Json {
  const limited = op.auth === "bearer" || op.rateLimited;
  const s = op.success;
  const headers: Json = {
    ...(limited && RATE_HEADERS),
    ...Object.fromEntries(Object.entries(s.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: "string" } }])),
  };
  const content = s.schema
    ? { "application/json": { schema: jsonSchema(s.schema, "output") } }
    : s.mediaType
      ? { [s.mediaType]: { schema: s.mediaType === "application/json" ? { type: "object" } : { type: "string" } } }
      : undefined;
  const access = op.access === "admin" ? " Admins only." : op.access === "signed-in" ? " Any signed-in role." : "";
  return {
    operationId: operationId(method, path),
    summary: op.summary,
    description: ((op.description ?? "") + access).trim() || undefined,
    tags: [op.tag],
    security: SECURITY[op.auth],
    ...(parameters(path, op).length && { parameters: parameters(path, op) }),
    ...(op.body && {
      requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } },
    }),
    responses: {
      [String(s.status)]: { description: s.description, ...(Object.keys(headers).length && { headers }), ...(content && { content }) },
      ...problemResponses(path, op),
    },
  };
}

/** POST /api/v1/admin/users/{id}/send-password-reset -> postAdminUsersIdSendPasswordReset */
function operationId(method: Method, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, "")
    .split(/[/{}._-]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

export function buildOpenApiDocument(): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const used = new Set<Operation["auth"]>();
  for (const [key, op] of Object.entries(OPERATIONS)) {
    const [method, path] = key.split(" ") as [Method, string];
    (paths[path] ??= {})[method.toLowerCase()] = operation(method, path, op);
    used.add(op.auth);
  }
  const securitySchemes: Json = {
    ...(used.has("bearer") && {
      bearerAuth: { type: "http", scheme: "bearer", description: "The token of POST /api/v1/admin/login. It stops working at logout, or when its user is deactivated, deleted, demoted or changes password." },
    }),
    ...(used.has("session") && {
      sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The console's sign-in cookie (__Secure-next-auth.session-token over HTTPS)" },
    }),
  };
  return {
    openapi: "3.1.1",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "SEL Admin API",
      version: "1",
      description:
        "The REST door to the same operations the SEL Admin console performs. JSON in and out; timestamps are ISO 8601 UTC; ids are ULIDs. Every error is RFC 9457 `application/problem+json`; `detail` holds the sentence a UI would show and `errors` the field-level problems. Admin API calls are limited to 100 a minute per user.",
    },
    tags: [
      { name: "Authentication" },
      { name: "Users" },
      { name: "Invitations" },
      { name: "Activity" },
      { name: "Password reset" },
      { name: "API description" },
    ],
    paths,
    components: {
      schemas: components("output"),
      securitySchemes,
      headers: {
        RateLimitLimit: { description: "Requests allowed in the window", schema: { type: "integer" } },
        RateLimitRemaining: { description: "Requests left in the window", schema: { type: "integer" } },
        RateLimitReset: { description: "Seconds until the window resets", schema: { type: "integer" } },
      },
    },
  };
}

let cached: Json | undefined;

/** The document, built once per process (it depends only on the code). */
export function openApiDocument(): Json {
  return (cached ??= buildOpenApiDocument());
}
