import { Fragment, type ReactNode } from "react";
import type { Media, OpenApiDocument, Schema } from "./openapi-document";

// How the API reference writes schemas: a type in one line (a link for a
// named schema), the fields of an object in a table, bodies by media type.

/** A table that scrolls sideways on a narrow screen: focusable, so the keyboard can scroll it too. */
export function ScrollTable({ caption, columns, children, className = "" }: { caption: string; columns: string[]; children: ReactNode; className?: string }) {
  return (
    <div className={`table-responsive ${className}`} tabIndex={0} role="group" aria-label={caption}>
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

const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);
export const schemaAnchor = (name: string) => `schema-${name}`;

/** A code span: text between two backticks (U+0060), captured without them. */
const CODE_SPAN = /\x60([^\x60]+)\x60/;

/** Descriptions use code spans (between backticks); everything else is plain text. */
export function Text({ children }: { children?: string }) {
  if (!children) return null;
  return (
    <>
      {children
        .split(CODE_SPAN)
        // The captured spans are the odd parts of the split.
        .map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}

const literal = (v: unknown) => <code>{JSON.stringify(v)}</code>;

/** A one-line description of a schema's type: a link for a named schema. */
export function TypeOf({ schema }: { schema?: Schema }): ReactNode {
  if (!schema) return <span className="text-secondary">any</span>;
  if (schema.$ref) return <a href={`#${schemaAnchor(refName(schema.$ref))}`}>{refName(schema.$ref)}</a>;
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
    const named = combo.filter((s) => s.$ref || s.type || s.enum || s.const !== undefined);
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
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
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
      {bounds.length > 0 && <span className="text-secondary"> ({bounds.join(", ")})</span>}
    </>
  );
}

/** A field's or parameter's name, marked when it is required. */
export function NameCell({ name, required }: { name: string; required: boolean }) {
  return (
    <td className="text-nowrap">
      <code>{name}</code>
      {required && <span className="badge bg-secondary-lt ms-1">required</span>}
    </td>
  );
}

/** The properties of an object schema (its allOf parts merged), if it has any. */
function propertiesOf(schema: Schema | undefined, doc: OpenApiDocument, seen = new Set<string>()): { props: Record<string, Schema>; required: Set<string> } {
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
    for (const [k, v] of Object.entries(inner.props)) props[k] = props[k] ? { ...props[k], ...v } : v;
    inner.required.forEach((r) => required.add(r));
  }
  for (const [k, v] of Object.entries(schema.properties ?? {})) props[k] = props[k] ? { ...props[k], ...v } : v;
  (schema.required ?? []).forEach((r) => required.add(r));
  return { props, required };
}

export function Properties({ schema, doc, caption }: { schema?: Schema; doc: OpenApiDocument; caption: string }) {
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

export function Body({ content, doc, caption }: { content?: Media; doc: OpenApiDocument; caption: string }) {
  if (!content) return null;
  return (
    <>
      {Object.entries(content).map(([type, media]) => (
        <div key={type} className="mb-2">
          <div className="small mb-1">
            <code>{type}</code> · <TypeOf schema={media.schema} />
          </div>
          <Properties schema={media.schema} doc={doc} caption={`${caption} (${type})`} />
        </div>
      ))}
    </>
  );
}
