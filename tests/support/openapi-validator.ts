// Checks an HTTP answer against the OpenAPI document: the operation is found
// by method and path template, the status must be one the operation lists,
// the media type the one it names, and a JSON body must validate (JSON Schema
// 2020-12, with formats) against that response's schema. No server imports:
// Jest (tests/integration/openapi-responses.test.ts) and Playwright (every
// /api/v1 answer the e2e specs receive, e2e/support/fixtures.ts) share it.
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

export type Answer = { method: string; path: string; status: number; contentType: string | undefined; body: string };

const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly templates: { template: string; re: RegExp }[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Doc) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat("ulid", /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i);
    this.ajv.addSchema(doc as object, "openapi.json");
    this.templates = Object.keys(doc.paths).map((template) => ({
      template,
      re: new RegExp("^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+") + "$"),
    }));
  }

  /** The documented operation of a concrete request, as "METHOD /template", or null when there is none. */
  operationOf(method: string, path: string): string | null {
    const t = this.templates.find((x) => x.re.test(path));
    if (!t || !this.doc.paths[t.template][method.toLowerCase()]) return null;
    return `${method.toUpperCase()} ${t.template}`;
  }

  /** Problems with an answer (empty when it conforms); null when the request is no documented operation. */
  check(a: Answer): string[] | null {
    const op = this.operationOf(a.method, a.path);
    if (!op) return null;
    const [method, template] = op.split(" ");
    const responses = this.doc.paths[template][method.toLowerCase()].responses;
    const where = `${a.method} ${a.path} -> ${a.status}`;
    const response = responses[String(a.status)];
    if (!response) return [`${where}: status not documented (documented: ${Object.keys(responses).join(", ")})`];
    const media = (a.contentType ?? "").split(";")[0].trim().toLowerCase();
    const content = response.content;
    if (!content) return a.body.length ? [`${where}: documented without a body, got ${a.body.length} bytes`] : [];
    if (!(media in content)) return [`${where}: content-type ${media || "(none)"} not documented (documented: ${Object.keys(content).join(", ")})`];
    if (!media.endsWith("json")) return [];
    let body: unknown;
    try {
      body = JSON.parse(a.body);
    } catch {
      return [`${where}: body is not JSON`];
    }
    const ref = `openapi.json#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${a.status}/content/${escapePointer(media)}/schema`;
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || "(body)"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
  }
}
