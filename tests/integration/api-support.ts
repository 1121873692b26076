import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { expect } from "vitest";
import { apiPaths } from "../../lib/api/openapi";
import { catalogueOpenApi } from "../../lib/catalogue/openapi";

/**
 * Helpers for the REST API tests: call a route handler with a real Request (the same code the server runs), and
 * check every answer against the OpenAPI document with ajv (JSON Schema 2020-12): the status must be documented
 * for that operation and the body must validate against its schema. `coverage()` lists the operations that
 * have been checked, so a test can insist that every documented operation was exercised.
 */

export const document = catalogueOpenApi("http://localhost");
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();
const checked = new Set<string>();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  token?: string | null;
  body?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  ip?: string;
};

export async function call(handler: unknown, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { "x-onewindow-client-address": options.ip ?? "203.0.113.10", ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const init: RequestInit = { method, headers };
  if (options.form) init.body = options.form;
  else if (options.body !== undefined) {
    init.body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  return (handler as Handler)(new Request(`http://localhost${path}`, init), { params: Promise.resolve(options.params ?? {}) });
}

function schemaFor(template: string, method: string, status: number): unknown {
  const operation = (document.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>)[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is documented`).toBeDefined();
  const response = operation!.responses[String(status)];
  expect(response, `${method} ${template} documents status ${status}`).toBeDefined();
  return response!.content?.["application/json"]?.schema ?? null;
}

function validatorFor(schema: unknown): ValidateFunction {
  const reference = (schema as { $ref?: string }).$ref;
  const key = reference ?? JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    const resolved = reference ? (document.components.schemas as Record<string, unknown>)[reference.replace("#/components/schemas/", "")] : schema;
    expect(resolved, `schema ${key} exists`).toBeDefined();
    validate = ajv.compile(resolved as object);
    compiled.set(key, validate);
  }
  return validate;
}

/** Checks the answer against the document; returns the parsed body. */
export async function contract<T = Record<string, unknown>>(template: string, method: string, response: Response, expectedStatus?: number): Promise<T> {
  const text = await response.text();
  if (expectedStatus !== undefined) expect(response.status, `${method} ${template}: ${text.slice(0, 500)}`).toBe(expectedStatus);
  const schema = schemaFor(template, method, response.status);
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (schema) {
    const validate = validatorFor(schema);
    const valid = validate(body);
    expect(valid, `${method} ${template} ${response.status} matches the document: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 800)}`).toBe(true);
  }
  checked.add(`${method.toUpperCase()} ${template}`);
  return body as T;
}

/** Every documented signed-in operation (method + path template). */
export function documentedApiOperations(): string[] {
  return Object.entries(apiPaths()).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
}

export function coverage(): Set<string> {
  return checked;
}
