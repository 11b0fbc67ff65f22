import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { apiDocument } from "@/lib/book-api";
import type { Answer } from "./accounts";

/** The OpenAPI document must describe what the routes really answer: one check for every suite. */
const document = apiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "lectern", components: document.components }, "lectern");

export function expectDocumented(method: string, path: string, answer: Answer): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const operation = (document.paths as any)[path]?.[method.toLowerCase()];
  expect(operation, `${method} ${path} is in the document`).toBeDefined();
  const response = operation.responses[String(answer.status)];
  expect(response, `${method} ${path} documents status ${answer.status}`).toBeDefined();
  let schema = response.content["application/json"].schema;
  if (schema.$ref) schema = { $ref: `lectern${schema.$ref}` };
  const validate = ajv.compile(schema);
  expect(validate(answer.body), JSON.stringify(validate.errors)).toBe(true);
}
