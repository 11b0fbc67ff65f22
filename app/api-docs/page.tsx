import type { Metadata } from "next";
import { apiDocument } from "@/lib/book-api";

export const metadata: Metadata = { title: "API" };
export const dynamic = "force-dynamic";

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  default?: unknown;
  items?: Schema;
};
type Operation = {
  summary: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string }>;
};

/** Descriptions use Markdown's `code` spans; show them as code, nothing more. */
function Prose({ text }: { text: string }) {
  return <>{text.split(/`([^`]+)`/).map((part, index) => (index % 2 ? <code key={index}>{part}</code> : part))}</>;
}

function sessionNote(security: Operation["security"]): string {
  if (!security) return "";
  const optional = security.some((requirement) => Object.keys(requirement as object).length === 0);
  return optional ? " — a session (Bearer token or cookie) is optional." : " — needs a session (Bearer token or cookie).";
}

function describe(schema: Schema): string {
  if (schema.anyOf) return schema.anyOf.map(describe).join(" or ");
  if (schema.enum) return schema.enum.map(String).join(" | ");
  const parts = [Array.isArray(schema.type) ? schema.type.join("|") : (schema.type ?? "any")];
  if (schema.format) parts.push(schema.format);
  if (schema.items) parts[0] = `${describe(schema.items)}[]`;
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    parts.push(`length ${schema.minLength ?? 0}..${schema.maxLength ?? "∞"}`);
  }
  if (schema.minimum !== undefined || schema.maximum !== undefined) parts.push(`${schema.minimum ?? ""}..${schema.maximum ?? ""}`);
  if (schema.default !== undefined) parts.push(`default ${String(schema.default)}`);
  return parts.join(", ");
}

function Fields({ schema, prefix = "" }: { schema: Schema; prefix?: string }) {
  const rows = Object.entries(schema.properties ?? {}).flatMap(([name, child]) => {
    const path = `${prefix}${name}`;
    const own = (
      <tr key={path}>
        <td>
          <code>{path}</code>
          {schema.required?.includes(name) ? " *" : ""}
        </td>
        <td>{child.properties ? "object" : describe(child)}</td>
      </tr>
    );
    return child.properties ? [own, <Fields key={`${path}.`} schema={child} prefix={`${path}.`} />] : [own];
  });
  return prefix ? (
    <>{rows}</>
  ) : (
    <table>
      <tbody>{rows}</tbody>
    </table>
  );
}

export default function ApiDocsPage() {
  const document = apiDocument();
  const paths = document.paths as Record<string, Record<string, Operation>>;
  return (
    <>
      <section className="card">
        <h1>Lectern API</h1>
        <p className="lead">{document.info.description}</p>
        <p>
          Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors always have the shape{" "}
          <code>{'{"error":{"code","message","details":{"field","reason"}}}'}</code>. Fields marked * are required.
        </p>
      </section>
      {Object.entries(paths).flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => {
          const requestSchema = operation.requestBody?.content["application/json"]?.schema;
          return (
            <section className="card" key={`${method} ${path}`} id={`${method}-${path}`}>
              <h2>
                <code>
                  {method.toUpperCase()} {path}
                </code>
              </h2>
              <p>
                <Prose text={operation.summary} />
                {sessionNote(operation.security)}
              </p>
              {operation.description ? (
                <p className="hint">
                  <Prose text={operation.description} />
                </p>
              ) : null}
              {operation.parameters?.length ? (
                <table>
                  <tbody>
                    {operation.parameters.map((parameter) => (
                      <tr key={parameter.name}>
                        <td>
                          <code>{parameter.name}</code> ({parameter.in}){parameter.required ? " *" : ""}
                        </td>
                        <td>{parameter.description ? <Prose text={parameter.description} /> : describe(parameter.schema)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {requestSchema ? <Fields schema={requestSchema} /> : null}
              <ul>
                {Object.entries(operation.responses).map(([status, response]) => (
                  <li key={status}>
                    <strong>{status}</strong> <Prose text={response.description} />
                  </li>
                ))}
              </ul>
            </section>
          );
        }),
      )}
    </>
  );
}
