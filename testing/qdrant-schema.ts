import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/**
 * Qdrant's OpenAPI document (v1.19), read from the shared folder beside the repository (never
 * copied into it), turned into validators for the request bodies our adapter sends.
 */
export const qdrantSchemaPath = path.resolve(import.meta.dirname, "../../shared/qdrant/openapi-v1.19.json");

type Json = Record<string, unknown>;
type Operation = {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: Json }> };
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
};

/**
 * OpenAPI 3.0's `nullable` becomes JSON Schema's null type (left alone, `{nullable: true}` would
 * accept anything), and objects that list their properties reject unknown keys, so a misspelt
 * field fails here instead of being silently ignored.
 */
function toStrictJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toStrictJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const source = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    out[key] = key === "properties" || key === "example" || key === "default" ? value : toStrictJsonSchema(value);
  }
  if (out.properties && typeof out.properties === "object") {
    out.properties = Object.fromEntries(Object.entries(out.properties as Json).map(([key, value]) => [key, toStrictJsonSchema(value)]));
    if (out.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (Object.keys(out).every((key) => key === "description" || key === "default")) return { type: "null" };
    else return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

export type QdrantValidation = {
  /** The operation (from `paths`) a method + path belongs to, or null when it is not in the API. */
  operationFor(method: string, pathname: string): { id: string; template: string } | null;
  /** Errors of the body against the operation's request body schema; [] when valid. */
  requestErrors(method: string, pathname: string, query: Record<string, string>, body: unknown): string[];
  responseErrors(method: string, pathname: string, body: unknown): string[];
};

/** The validators, or the reason they cannot exist (the schema file is absent). */
export function loadQdrantValidation(): QdrantValidation | { missing: string } {
  if (!existsSync(qdrantSchemaPath)) {
    // CI always has ../shared beside the clone: there a missing schema is a broken checkout, not a skip.
    if (process.env.CI) throw new Error(`Qdrant's OpenAPI schema is absent (${qdrantSchemaPath}): CI runs with ../shared beside the repository`);
    return { missing: `Qdrant's OpenAPI schema is absent (${qdrantSchemaPath}); schema validation skipped` };
  }
  const document = JSON.parse(readFileSync(qdrantSchemaPath, "utf8")) as { paths: Record<string, Record<string, Operation>>; components: Json };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ["float", "double", "uint", "uint8", "uint32", "uint64", "int64", "partial-date-time", "binary"]) ajv.addFormat(format, true);
  ajv.addSchema({ $id: "qdrant", components: toStrictJsonSchema(document.components) as Json });

  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (key: string, schema: Json) => {
    if (!compiled.has(key)) {
      // Inline schemas (the responses) point into the document: resolve them against it.
      const resolved = JSON.parse(JSON.stringify(toStrictJsonSchema(schema)).replaceAll('"$ref":"#/', '"$ref":"qdrant#/')) as Json;
      compiled.set(key, ajv.compile(resolved));
    }
    return compiled.get(key)!;
  };
  const find = (method: string, pathname: string) => {
    const match = templates.find(({ pattern, template }) => pattern.test(pathname) && document.paths[template]![method.toLowerCase()]);
    return match ? { template: match.template, operation: document.paths[match.template]![method.toLowerCase()]! } : null;
  };
  const describe = (validate: ValidateFunction) => (validate.errors ?? []).slice(0, 5).map((error) => `${error.instancePath || "/"} ${error.message}`);

  return {
    operationFor(method, pathname) {
      const found = find(method, pathname);
      return found ? { id: found.operation.operationId, template: found.template } : null;
    },
    requestErrors(method, pathname, query, body) {
      const found = find(method, pathname);
      if (!found) return [`${method} ${pathname} is not an operation of Qdrant's API`];
      const errors: string[] = [];
      const declared = new Set((found.operation.parameters ?? []).filter((parameter) => parameter.in === "query").map((parameter) => parameter.name));
      for (const name of Object.keys(query)) if (!declared.has(name)) errors.push(`query parameter "${name}" is not declared`);
      const schema = found.operation.requestBody?.content?.["application/json"]?.schema;
      if (!schema) return body === undefined ? errors : [...errors, "the operation takes no body"];
      const validate = validatorFor(`${found.operation.operationId}:request`, schema);
      return validate(body) ? errors : [...errors, ...describe(validate)];
    },
    responseErrors(method, pathname, body) {
      const found = find(method, pathname);
      const schema = found?.operation.responses["200"]?.content?.["application/json"]?.schema;
      if (!found || !schema) return ["no 200 response schema"];
      const validate = validatorFor(`${found.operation.operationId}:response`, schema);
      return validate(body) ? [] : describe(validate);
    },
  };
}
