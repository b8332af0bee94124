import { Fragment, type ReactNode } from "react";
import "./api-reference.css";

// The REST API's reference, rendered on the server from the OpenAPI document
// (lib/server/api/openapi.ts) with the console's own components: one section
// per tag, one card per operation (its parameters, request body and
// responses), the schemas after them, and a list of every operation to jump
// to. No script and nothing fetched: it follows the console's theme, its
// Content-Security-Policy and its keyboard use as every other page does, and
// installs nothing (docs/decisions.md, "API reference").

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  nullable?: boolean;
};
type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
};
type Media = Record<string, { schema?: Schema }>;
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, unknown>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; description?: string; content?: Media };
  responses?: Record<string, { description?: string; content?: Media }>;
};
export type OpenApiDocument = {
  info?: { title?: string; version?: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, Schema>;
    securitySchemes?: Record<
      string,
      { type?: string; scheme?: string; description?: string }
    >;
  };
};

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
// Badge colours of api-reference.css (WCAG AA in both themes; Tabler's light badges are not at 12 px).
const METHOD_BADGE: Record<string, string> = {
  get: "api-badge-blue",
  post: "api-badge-green",
  put: "api-badge-orange",
  patch: "api-badge-orange",
  delete: "api-badge-red",
};
const statusBadge = (status: string) =>
  status.startsWith("2")
    ? "api-badge-green"
    : status.startsWith("4")
      ? "api-badge-orange"
      : "api-badge-red";

/** A table that scrolls sideways on a narrow screen: focusable, so the keyboard can scroll it too. */
function ScrollTable({
  caption,
  columns,
  children,
  className = "",
}: {
  caption: string;
  columns: string[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={`table-responsive ${className}`}
      tabIndex={0}
      role="group"
      aria-label={caption}
    >
      <table className="table table-sm table-vcenter mb-0">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

type Entry = { method: string; path: string; op: Operation; anchor: string };

const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);
const schemaAnchor = (name: string) => `schema-${name}`;
const opAnchor = (method: string, path: string, op: Operation) =>
  `op-${op.operationId ?? `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-")}`;

/** A code span: text between two backticks (U+0060), captured without them. */
const CODE_SPAN = /\x60([^\x60]+)\x60/;

/** Descriptions use code spans (between backticks); everything else is plain text. */
function Text({ children }: { children?: string }) {
  if (!children) return null;
  return (
    <>
      {children
        .split(CODE_SPAN)
        // The captured spans are the odd parts of the split.
        .map((part, i) =>
          i % 2 === 1 ? (
            <code key={i}>{part}</code>
          ) : (
            <Fragment key={i}>{part}</Fragment>
          ),
        )}
    </>
  );
}

const literal = (v: unknown) => <code>{JSON.stringify(v)}</code>;

/** A one-line description of a schema's type: a link for a named schema. */
function TypeOf({ schema }: { schema?: Schema }): ReactNode {
  if (!schema) return <span className="text-secondary">any</span>;
  if (schema.$ref)
    return (
      <a href={`#${schemaAnchor(refName(schema.$ref))}`}>
        {refName(schema.$ref)}
      </a>
    );
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum)
    return (
      <>
        one of{" "}
        {schema.enum.map((v, i) => (
          <Fragment key={i}>
            {i > 0 && ", "}
            {literal(v)}
          </Fragment>
        ))}
      </>
    );
  const combo = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (combo) {
    const word = schema.allOf ? " and " : " or ";
    const named = combo.filter(
      (s) => s.$ref || s.type || s.enum || s.const !== undefined,
    );
    if (named.length)
      return (
        <>
          {named.map((s, i) => (
            <Fragment key={i}>
              {i > 0 && word}
              <TypeOf schema={s} />
            </Fragment>
          ))}
        </>
      );
  }
  const types = Array.isArray(schema.type)
    ? schema.type
    : schema.type
      ? [schema.type]
      : [];
  if (types.includes("array"))
    return (
      <>
        array of <TypeOf schema={schema.items} />
      </>
    );
  const bounds = [
    schema.format,
    schema.minLength !== undefined && `≥ ${schema.minLength} chars`,
    schema.maxLength !== undefined && `≤ ${schema.maxLength} chars`,
    schema.minimum !== undefined && `≥ ${schema.minimum}`,
    schema.maximum !== undefined && `≤ ${schema.maximum}`,
    schema.default !== undefined && `default ${JSON.stringify(schema.default)}`,
  ].filter(Boolean);
  return (
    <>
      {types.join(" or ") || (schema.properties ? "object" : "any")}
      {bounds.length > 0 && (
        <span className="text-secondary"> ({bounds.join(", ")})</span>
      )}
    </>
  );
}

/** A field's or parameter's name, marked when it is required. */
function NameCell({ name, required }: { name: string; required: boolean }) {
  return (
    <td className="text-nowrap">
      <code>{name}</code>
      {required && <span className="badge bg-secondary-lt ms-1">required</span>}
    </td>
  );
}

/** The properties of an object schema (its allOf parts merged), if it has any. */
function propertiesOf(
  schema: Schema | undefined,
  doc: OpenApiDocument,
  seen = new Set<string>(),
): { props: Record<string, Schema>; required: Set<string> } {
  const props: Record<string, Schema> = {};
  const required = new Set<string>();
  if (!schema) return { props, required };
  if (schema.$ref) {
    const name = refName(schema.$ref);
    if (seen.has(name)) return { props, required };
    seen.add(name);
    return propertiesOf(doc.components?.schemas?.[name], doc, seen);
  }
  for (const part of schema.allOf ?? []) {
    const inner = propertiesOf(part, doc, seen);
    for (const [k, v] of Object.entries(inner.props))
      props[k] = props[k] ? { ...props[k], ...v } : v;
    inner.required.forEach((r) => required.add(r));
  }
  for (const [k, v] of Object.entries(schema.properties ?? {}))
    props[k] = props[k] ? { ...props[k], ...v } : v;
  (schema.required ?? []).forEach((r) => required.add(r));
  return { props, required };
}

function Properties({
  schema,
  doc,
  caption,
}: {
  schema?: Schema;
  doc: OpenApiDocument;
  caption: string;
}) {
  const { props, required } = propertiesOf(schema, doc);
  const names = Object.keys(props);
  if (!names.length) return null;
  return (
    <ScrollTable caption={caption} columns={["Field", "Type", "Description"]}>
      {names.map((name) => (
        <tr key={name}>
          <NameCell name={name} required={required.has(name)} />
          <td>
            <TypeOf schema={props[name]} />
          </td>
          <td className="text-secondary">
            <Text>{props[name].description}</Text>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

function Body({
  content,
  doc,
  caption,
}: {
  content?: Media;
  doc: OpenApiDocument;
  caption: string;
}) {
  if (!content) return null;
  return (
    <>
      {Object.entries(content).map(([type, media]) => (
        <div key={type} className="mb-2">
          <div className="small mb-1">
            <code>{type}</code> · <TypeOf schema={media.schema} />
          </div>
          <Properties
            schema={media.schema}
            doc={doc}
            caption={`${caption} (${type})`}
          />
        </div>
      ))}
    </>
  );
}

function OperationCard({ entry, doc }: { entry: Entry; doc: OpenApiDocument }) {
  const { method, path, op, anchor } = entry;
  const params = op.parameters ?? [];
  const title = op.summary ?? `${method.toUpperCase()} ${path}`;
  return (
    <section
      className="card mb-3"
      id={anchor}
      aria-labelledby={`${anchor}-title`}
    >
      <div className="card-header flex-wrap gap-2">
        <h3 className="card-title mb-0" id={`${anchor}-title`}>
          <Text>{title}</Text>
        </h3>
        <div className="ms-auto d-flex align-items-center gap-2 text-break">
          <span
            className={`badge ${METHOD_BADGE[method] ?? "api-badge-blue"} text-uppercase`}
          >
            {method}
          </span>
          <code>{path}</code>
        </div>
      </div>
      <div className="card-body">
        {op.description && (
          <p>
            <Text>{op.description}</Text>
          </p>
        )}
        <p className="small text-secondary mb-3">
          {op.security?.length
            ? "Needs a bearer token: Authorization: Bearer <token>."
            : "No token needed."}
        </p>
        {params.length > 0 && (
          <>
            <h4>Parameters</h4>
            <ScrollTable
              caption={`Parameters of ${title}`}
              columns={["Name", "In", "Type", "Description"]}
              className="mb-3"
            >
              {params.map((p) => (
                <tr key={`${p.in}:${p.name}`}>
                  <NameCell name={p.name} required={!!p.required} />
                  <td>{p.in}</td>
                  <td>
                    <TypeOf schema={p.schema} />
                  </td>
                  <td className="text-secondary">
                    <Text>{p.description}</Text>
                  </td>
                </tr>
              ))}
            </ScrollTable>
          </>
        )}
        {op.requestBody && (
          <>
            <h4>Request body{op.requestBody.required ? "" : " (optional)"}</h4>
            <Body
              content={op.requestBody.content}
              doc={doc}
              caption={`Request body of ${title}`}
            />
          </>
        )}
        <h4 className="mt-3">Responses</h4>
        <dl className="mb-0">
          {Object.entries(op.responses ?? {}).map(([status, res]) => (
            <Fragment key={status}>
              <dt>
                <span className={`badge ${statusBadge(status)} me-2`}>
                  {status}
                </span>
                <span className="fw-normal">
                  <Text>{res.description}</Text>
                </span>
              </dt>
              <dd className="ms-0 mt-1 mb-2">
                {res.content &&
                  Object.entries(res.content).map(([type, media]) => (
                    <div key={type} className="small">
                      <code>{type}</code> · <TypeOf schema={media.schema} />
                    </div>
                  ))}
              </dd>
            </Fragment>
          ))}
        </dl>
      </div>
    </section>
  );
}

export function ApiReference({ document: doc }: { document: OpenApiDocument }) {
  const byTag = new Map<string, Entry[]>();
  for (const t of doc.tags ?? []) byTag.set(t.name, []);
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = ops[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "Other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag
        .get(tag)!
        .push({ method, path, op, anchor: opAnchor(method, path, op) });
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
                <a
                  className="subheader d-block px-2 pt-2 pb-1"
                  href={`#tag-${tag.replace(/\W+/g, "-")}`}
                >
                  {tag}
                </a>
                <ul className="list-unstyled mb-0">
                  {entries.map((e) => (
                    <li key={e.anchor}>
                      <a
                        className="d-flex gap-2 px-2 py-1 rounded api-reference-link"
                        href={`#${e.anchor}`}
                      >
                        <span
                          className={`badge ${METHOD_BADGE[e.method] ?? "api-badge-blue"} text-uppercase api-reference-method`}
                        >
                          {e.method}
                        </span>
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
              {doc.info?.title ?? "API"}{" "}
              <span className="badge bg-secondary-lt align-middle">
                version {doc.info?.version}
              </span>
            </h2>
            <p className="mb-2">
              <Text>{doc.info?.description}</Text>
            </p>
            {schemes.map(([name, s]) => (
              <p key={name} className="small text-secondary mb-0">
                <strong>{name}</strong> (
                {s.type === "http" ? `HTTP ${s.scheme ?? ""} token` : s.type}):{" "}
                <Text>{s.description}</Text>
              </p>
            ))}
          </div>
        </section>
        {tags.map(([tag, entries]) => (
          <section
            key={tag}
            id={`tag-${tag.replace(/\W+/g, "-")}`}
            aria-label={tag}
          >
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
              <section
                key={name}
                className="card mb-3"
                id={schemaAnchor(name)}
                aria-labelledby={`${schemaAnchor(name)}-title`}
              >
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
                  <Properties
                    schema={schema}
                    doc={doc}
                    caption={`Fields of ${name}`}
                  />
                </div>
              </section>
            ))}
          </section>
        )}
      </div>
    </div>
  );
}
