import "./api-reference.css";
import type { OpenApiDocument } from "./openapi-document";
import { METHOD_BADGE, METHODS, OperationCard, opAnchor, type Entry } from "./operation-card";
import { Properties, schemaAnchor, Text, TypeOf } from "./schema-view";

export type { OpenApiDocument } from "./openapi-document";

// The REST API's reference, rendered on the server from the OpenAPI document
// (lib/server/api/openapi.ts) with the console's own components: one section
// per tag, one card per operation (its parameters, request body and
// responses), the schemas after them, and a list of every operation to jump
// to. No script and nothing fetched: it follows the console's theme, its
// Content-Security-Policy and its keyboard use as every other page does, and
// installs nothing (docs/decisions.md, "API reference").

export function ApiReference({ document: doc }: { document: OpenApiDocument }) {
  const byTag = new Map<string, Entry[]>();
  for (const t of doc.tags ?? []) byTag.set(t.name, []);
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = ops[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "Other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ method, path, op, anchor: opAnchor(method, path, op) });
    }
  }
  const tags = [...byTag].filter(([, entries]) => entries.length);
  const schemas = Object.entries(doc.components?.schemas ?? {});
  const schemes = Object.entries(doc.components?.securitySchemes ?? {});
  return (
    <div className="row g-3 api-reference" data-testid="api-reference">
      <div className="col-lg-3">
        <nav className="card api-reference-nav" aria-label="Operations">
          <div className="card-body p-2">
            {tags.map(([tag, entries]) => (
              <div key={tag} className="mb-2">
                <a className="subheader d-block px-2 pt-2 pb-1" href={`#tag-${tag.replace(/\W+/g, "-")}`}>
                  {tag}
                </a>
                <ul className="list-unstyled mb-0">
                  {entries.map((e) => (
                    <li key={e.anchor}>
                      <a className="d-flex gap-2 px-2 py-1 rounded api-reference-link" href={`#${e.anchor}`}>
                        <span className={`badge ${METHOD_BADGE[e.method] ?? "api-badge-blue"} text-uppercase api-reference-method`}>{e.method}</span>
                        <span>{e.op.summary ?? e.path}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            {schemas.length > 0 && (
              <a className="subheader d-block px-2 pt-2 pb-1" href="#schemas">
                Schemas
              </a>
            )}
          </div>
        </nav>
      </div>
      <div className="col-lg-9 api-reference-content">
        <section className="card mb-3" aria-labelledby="api-intro">
          <div className="card-body">
            <h2 id="api-intro" className="mb-1">
              {doc.info?.title ?? "API"} <span className="badge bg-secondary-lt align-middle">version {doc.info?.version}</span>
            </h2>
            <p className="mb-2">
              <Text>{doc.info?.description}</Text>
            </p>
            {schemes.map(([name, s]) => (
              <p key={name} className="small text-secondary mb-0">
                <strong>{name}</strong> ({s.type === "http" ? `HTTP ${s.scheme ?? ""} token` : s.type}): <Text>{s.description}</Text>
              </p>
            ))}
          </div>
        </section>
        {tags.map(([tag, entries]) => (
          <section key={tag} id={`tag-${tag.replace(/\W+/g, "-")}`} aria-label={tag}>
            <h2 className="mt-4 mb-3">{tag}</h2>
            {entries.map((e) => (
              <OperationCard key={e.anchor} entry={e} doc={doc} />
            ))}
          </section>
        ))}
        {schemas.length > 0 && (
          <section id="schemas" aria-label="Schemas">
            <h2 className="mt-4 mb-3">Schemas</h2>
            {schemas.map(([name, schema]) => (
              <section key={name} className="card mb-3" id={schemaAnchor(name)} aria-labelledby={`${schemaAnchor(name)}-title`}>
                <div className="card-header">
                  <h3 className="card-title" id={`${schemaAnchor(name)}-title`}>
                    {name}
                  </h3>
                  {!schema.properties && !schema.allOf && (
                    <div className="ms-auto small">
                      <TypeOf schema={schema} />
                    </div>
                  )}
                </div>
                <div className="card-body">
                  {schema.description && (
                    <p className="text-secondary">
                      <Text>{schema.description}</Text>
                    </p>
                  )}
                  <Properties schema={schema} doc={doc} caption={`Fields of ${name}`} />
                </div>
              </section>
            ))}
          </section>
        )}
      </div>
    </div>
  );
}
