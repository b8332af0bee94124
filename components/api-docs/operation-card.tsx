import { Fragment } from "react";
import type { OpenApiDocument, Operation } from "./openapi-document";
import { Body, NameCell, ScrollTable, Text, TypeOf } from "./schema-view";

// One operation of the API reference: its title, method and path, what it
// needs, its parameters, request body and responses.

export const METHODS = ["get", "post", "put", "patch", "delete"] as const;
// Badge colours of api-reference.css (WCAG AA in both themes; Tabler's light badges are not at 12 px).
export const METHOD_BADGE: Record<string, string> = {
  get: "api-badge-blue",
  post: "api-badge-green",
  put: "api-badge-orange",
  patch: "api-badge-orange",
  delete: "api-badge-red",
};
const statusBadge = (status: string) => (status.startsWith("2") ? "api-badge-green" : status.startsWith("4") ? "api-badge-orange" : "api-badge-red");

export type Entry = {
  method: string;
  path: string;
  op: Operation;
  anchor: string;
};

export const opAnchor = (method: string, path: string, op: Operation) => `op-${op.operationId ?? `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-")}`;

export function OperationCard({ entry, doc }: { entry: Entry; doc: OpenApiDocument }) {
  const { method, path, op, anchor } = entry;
  const params = op.parameters ?? [];
  const title = op.summary ?? `${method.toUpperCase()} ${path}`;
  return (
    <section className="card mb-3" id={anchor} aria-labelledby={`${anchor}-title`}>
      <div className="card-header flex-wrap gap-2">
        <h3 className="card-title mb-0" id={`${anchor}-title`}>
          <Text>{title}</Text>
        </h3>
        <div className="ms-auto d-flex align-items-center gap-2 text-break">
          <span className={`badge ${METHOD_BADGE[method] ?? "api-badge-blue"} text-uppercase`}>{method}</span>
          <code>{path}</code>
        </div>
      </div>
      <div className="card-body">
        {op.description && (
          <p>
            <Text>{op.description}</Text>
          </p>
        )}
        <p className="small text-secondary mb-3">{op.security?.length ? "Needs a bearer token: Authorization: Bearer <token>." : "No token needed."}</p>
        {params.length > 0 && (
          <>
            <h4>Parameters</h4>
            <ScrollTable caption={`Parameters of ${title}`} columns={["Name", "In", "Type", "Description"]} className="mb-3">
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
            <Body content={op.requestBody.content} doc={doc} caption={`Request body of ${title}`} />
          </>
        )}
        <h4 className="mt-3">Responses</h4>
        <dl className="mb-0">
          {Object.entries(op.responses ?? {}).map(([status, res]) => (
            <Fragment key={status}>
              <dt>
                <span className={`badge ${statusBadge(status)} me-2`}>{status}</span>
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
