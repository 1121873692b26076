import { isDeepStrictEqual } from "node:util";

/**
 * What changed between two versions of the OpenAPI document, and which changes break a client built on the older
 * one: removed paths and operations, renamed operationIds (generated clients name their methods after them),
 * stricter security, removed or newly required inputs (parameters, request bodies, body fields), removed
 * response fields, media types, and success answers and their headers, fields that responses may now leave out,
 * removed enum values, and types that inputs no longer accept or responses may now hold. Everything else found (new paths, operations,
 * optional inputs, response fields …) is listed as a non-breaking change.
 *
 * Inputs and outputs are judged differently, as a client experiences them: an input may accept more and demand
 * less, an output may promise more and send less variety. So a value added to a response enum is breaking (a
 * client that switches over the values meets one it does not know), while one added to a request enum is not.
 *
 * Schemas are compared field by field after following `$ref`s; `allOf`, `anyOf` and `oneOf` contribute the fields
 * and types of all their branches, a deliberate simplification that over-reports rather than misses a break.
 */

export type ContractChange = {
  kind: string;
  breaking: boolean;
  /** Where: "METHOD /path", then the part (parameter, request body, response status and media type) and field. */
  where: string;
  detail?: string;
};

type Json = Record<string, unknown>;
type Direction = "request" | "response";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const objectAt = (value: unknown): Json => (isObject(value) ? value : {});

/** Follows a local `$ref` ("#/components/…") through the document; anything else is returned as it is. */
function deref(document: Json, value: unknown, seen: Set<string> = new Set()): Json {
  let current = objectAt(value);
  while (typeof current.$ref === "string" && current.$ref.startsWith("#/") && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    let target: unknown = document;
    for (const segment of current.$ref.slice(2).split("/"))
      target = objectAt(target)[segment.replace(/~1/g, "/").replace(/~0/g, "~")];
    current = objectAt(target);
  }
  return current;
}

// ───────────── schemas as flat field lists ─────────────

type Field = { types: Set<string>; values: Set<string> | null; required: boolean };
type Shape = Map<string, Field>;

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function field(shape: Shape, path: string, required: boolean): Field {
  let entry = shape.get(path);
  if (!entry) {
    entry = { types: new Set(), values: null, required };
    shape.set(path, entry);
  }
  entry.required ||= required;
  return entry;
}

/**
 * Every field of a schema by path ("" is the value itself, "a.b" a property, "a[]" array items, "a.*" the values
 * of a map), with the types it may have, its enum values (null: any) and whether it is required.
 */
function flatten(
  document: Json,
  schema: unknown,
  path: string,
  required: boolean,
  shape: Shape,
  refs: Set<string>,
): void {
  const raw = objectAt(schema);
  const reference = typeof raw.$ref === "string" ? raw.$ref : null;
  if (reference && refs.has(reference)) {
    field(shape, path, required);
    return;
  }
  const inner = reference ? new Set([...refs, reference]) : refs;
  const node = reference
    ? { ...deref(document, raw), ...Object.fromEntries(Object.entries(raw).filter(([key]) => key !== "$ref")) }
    : raw;
  const entry = field(shape, path, required);
  const declared = Array.isArray(node.type) ? node.type : typeof node.type === "string" ? [node.type] : [];
  for (const type of declared) entry.types.add(String(type));
  const values = Array.isArray(node.enum) ? node.enum : "const" in node ? [node.const] : null;
  if (values) {
    entry.values ??= new Set();
    for (const value of values) {
      entry.values.add(JSON.stringify(value));
      if (!Array.isArray(node.type) && typeof node.type !== "string") entry.types.add(jsonType(value));
    }
  }
  for (const keyword of ["allOf", "anyOf", "oneOf"] as const) {
    if (Array.isArray(node[keyword]))
      for (const branch of node[keyword]) flatten(document, branch, path, required, shape, inner);
  }
  const requiredNames = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
  for (const [name, property] of Object.entries(objectAt(node.properties))) {
    flatten(document, property, path ? `${path}.${name}` : name, requiredNames.has(name), shape, inner);
  }
  if (node.items !== undefined && typeof node.items === "object")
    flatten(document, node.items, `${path}[]`, true, shape, inner);
  if (isObject(node.additionalProperties))
    flatten(document, node.additionalProperties, path ? `${path}.*` : "*", false, shape, inner);
}

function shapeOf(document: Json, schema: unknown): Shape {
  const shape: Shape = new Map();
  flatten(document, schema, "", true, shape, new Set());
  return shape;
}

function parentOf(path: string): string | null {
  if (path === "") return null;
  if (path.endsWith("[]")) return path.slice(0, -2);
  const dot = path.lastIndexOf(".");
  return dot < 0 ? "" : path.slice(0, dot);
}

/** True when `types` allows every type in `subset` (an integer is a number; no declared type allows anything). */
function allows(types: Set<string>, subset: Set<string>): boolean {
  if (types.size === 0) return true;
  if (subset.size === 0) return false;
  return [...subset].every((type) => types.has(type) || (type === "integer" && types.has("number")));
}

const list = (values: Iterable<string>) => [...values].join(", ");
const fieldName = (path: string) => (path === "" ? "(the whole body)" : path);

function compareShapes(base: Shape, revision: Shape, direction: Direction, where: string, out: ContractChange[]): void {
  const add = (kind: string, breaking: boolean, path: string, detail?: string) =>
    out.push({ kind, breaking, where: `${where}: ${fieldName(path)}`, ...(detail ? { detail } : {}) });
  for (const [path, before] of base) {
    const after = revision.get(path);
    if (!after) {
      const parent = parentOf(path);
      // Only the outermost field that went: its own fields went with it.
      if (parent === null || revision.has(parent)) add(`${direction}-field-removed`, true, path);
      continue;
    }
    if (direction === "request" && !before.required && after.required)
      add("request-field-required", true, path, "now required");
    if (direction === "request" && before.required && !after.required)
      add("request-field-optional", false, path, "now optional");
    if (direction === "response" && before.required && !after.required)
      add("response-field-optional", true, path, "may now be missing");
    if (direction === "response" && !before.required && after.required)
      add("response-field-required", false, path, "now always present");

    const [narrower, wider] = direction === "request" ? [before.types, after.types] : [after.types, before.types];
    if (!allows(wider, narrower))
      add("type-changed", true, path, `${list(before.types) || "any"} → ${list(after.types) || "any"}`);
    else if (!isDeepStrictEqual(before.types, after.types))
      add("type-changed", false, path, `${list(before.types) || "any"} → ${list(after.types) || "any"}`);

    if (before.values && after.values) {
      const removed = [...before.values].filter((value) => !after.values!.has(value));
      const added = [...after.values].filter((value) => !before.values!.has(value));
      if (removed.length) add("enum-value-removed", true, path, list(removed));
      if (added.length) add("enum-value-added", direction === "response", path, list(added));
    } else if (!before.values && after.values)
      add("enum-introduced", direction === "request", path, `now one of ${list(after.values)}`);
    else if (before.values && !after.values)
      add("enum-dropped", direction === "response", path, `was one of ${list(before.values)}`);
  }
  for (const [path, after] of revision) {
    if (base.has(path)) continue;
    const parent = parentOf(path);
    if (parent !== null && !base.has(parent)) continue;
    if (direction === "request" && after.required) add("request-field-required", true, path, "new and required");
    else add(`${direction}-field-added`, false, path);
  }
}

// ───────────── operations ─────────────

type Parameter = { name: string; in: string; required: boolean; schema: unknown };

function parametersOf(document: Json, pathItem: Json, operation: Json): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  for (const source of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(source)) continue;
    for (const entry of source) {
      const parameter = deref(document, entry);
      const location = String(parameter.in);
      // Header names are case-insensitive.
      const name = location === "header" ? String(parameter.name).toLowerCase() : String(parameter.name);
      parameters.set(`${location} ${name}`, {
        name,
        in: location,
        required: parameter.required === true,
        schema: parameter.schema,
      });
    }
  }
  return parameters;
}

/** The security requirements in force, as sorted scheme lists; [] (or a requirement with no scheme) is public. */
function securityOf(document: Json, operation: Json): string[] {
  const requirements = Array.isArray(operation.security)
    ? operation.security
    : Array.isArray(document.security)
      ? document.security
      : [];
  return requirements.map((requirement) => Object.keys(objectAt(requirement)).sort().join(" + ")).sort();
}
const isPublic = (security: string[]) => security.length === 0 || security.includes("");

function compareContent(
  base: Json,
  revision: Json,
  baseContent: unknown,
  revisionContent: unknown,
  direction: Direction,
  where: string,
  out: ContractChange[],
): void {
  const before = objectAt(baseContent);
  const after = objectAt(revisionContent);
  for (const media of Object.keys(before)) {
    if (!(media in after))
      out.push({ kind: `${direction}-media-type-removed`, breaking: true, where: `${where} ${media}` });
    else
      compareShapes(
        shapeOf(base, objectAt(before[media]).schema),
        shapeOf(revision, objectAt(after[media]).schema),
        direction,
        `${where} ${media}`,
        out,
      );
  }
  for (const media of Object.keys(after))
    if (!(media in before))
      out.push({ kind: `${direction}-media-type-added`, breaking: false, where: `${where} ${media}` });
}

function compareOperation(base: Json, revision: Json, path: string, method: string, out: ContractChange[]): void {
  const where = `${method.toUpperCase()} ${path}`;
  const basePath = objectAt(objectAt(base.paths)[path]);
  const revisionPath = objectAt(objectAt(revision.paths)[path]);
  const before = objectAt(basePath[method]);
  const after = objectAt(revisionPath[method]);

  if (before.operationId !== after.operationId) {
    if (before.operationId === undefined)
      out.push({ kind: "operation-id-added", breaking: false, where, detail: String(after.operationId) });
    else
      out.push({
        kind: "operation-id-changed",
        breaking: true,
        where,
        detail: `${String(before.operationId)} → ${after.operationId === undefined ? "none" : String(after.operationId)}`,
      });
  }

  const [securityBefore, securityAfter] = [securityOf(base, before), securityOf(revision, after)];
  if (!isDeepStrictEqual(securityBefore, securityAfter)) {
    const opened = !isPublic(securityBefore) && isPublic(securityAfter);
    out.push({
      kind: "security-changed",
      breaking: !opened,
      where,
      detail: `${securityBefore.join(" | ") || "public"} → ${securityAfter.join(" | ") || "public"}`,
    });
  }

  const parametersBefore = parametersOf(base, basePath, before);
  const parametersAfter = parametersOf(revision, revisionPath, after);
  for (const [key, parameter] of parametersBefore) {
    const now = parametersAfter.get(key);
    if (!now) out.push({ kind: "parameter-removed", breaking: true, where: `${where} parameter ${key}` });
    else {
      if (!parameter.required && now.required)
        out.push({
          kind: "parameter-required",
          breaking: true,
          where: `${where} parameter ${key}`,
          detail: "now required",
        });
      if (parameter.required && !now.required)
        out.push({
          kind: "parameter-optional",
          breaking: false,
          where: `${where} parameter ${key}`,
          detail: "now optional",
        });
      compareShapes(
        shapeOf(base, parameter.schema),
        shapeOf(revision, now.schema),
        "request",
        `${where} parameter ${key}`,
        out,
      );
    }
  }
  for (const [key, parameter] of parametersAfter) {
    if (parametersBefore.has(key)) continue;
    out.push(
      parameter.required
        ? { kind: "parameter-required", breaking: true, where: `${where} parameter ${key}`, detail: "new and required" }
        : { kind: "parameter-added", breaking: false, where: `${where} parameter ${key}` },
    );
  }

  const bodyBefore = isObject(before.requestBody) ? deref(base, before.requestBody) : null;
  const bodyAfter = isObject(after.requestBody) ? deref(revision, after.requestBody) : null;
  const bodyWhere = `${where} request body`;
  if (bodyBefore && !bodyAfter) out.push({ kind: "request-body-removed", breaking: true, where: bodyWhere });
  else if (!bodyBefore && bodyAfter) {
    out.push(
      bodyAfter.required === true
        ? { kind: "request-body-required", breaking: true, where: bodyWhere, detail: "new and required" }
        : { kind: "request-body-added", breaking: false, where: bodyWhere },
    );
  } else if (bodyBefore && bodyAfter) {
    if (bodyBefore.required !== true && bodyAfter.required === true)
      out.push({ kind: "request-body-required", breaking: true, where: bodyWhere, detail: "now required" });
    compareContent(base, revision, bodyBefore.content, bodyAfter.content, "request", bodyWhere, out);
  }

  const responsesBefore = objectAt(before.responses);
  const responsesAfter = objectAt(after.responses);
  for (const status of Object.keys(responsesBefore)) {
    const responseWhere = `${where} response ${status}`;
    if (!(status in responsesAfter)) {
      // A client handles the success answers it was promised; a documented error that is no longer listed breaks nobody.
      out.push({ kind: "response-removed", breaking: status.startsWith("2"), where: responseWhere });
      continue;
    }
    const responseBefore = deref(base, responsesBefore[status]);
    const responseAfter = deref(revision, responsesAfter[status]);
    for (const header of Object.keys(objectAt(responseBefore.headers))) {
      const present = Object.keys(objectAt(responseAfter.headers)).some(
        (name) => name.toLowerCase() === header.toLowerCase(),
      );
      if (!present)
        out.push({
          kind: "response-header-removed",
          breaking: status.startsWith("2"),
          where: `${responseWhere} header ${header}`,
        });
    }
    compareContent(base, revision, responseBefore.content, responseAfter.content, "response", responseWhere, out);
  }
  for (const status of Object.keys(responsesAfter))
    if (!(status in responsesBefore))
      out.push({ kind: "response-added", breaking: false, where: `${where} response ${status}` });
}

/** The changes from `base` (the committed contract) to `revision` (the document the code builds now). */
export function diffContracts(base: unknown, revision: unknown): ContractChange[] {
  const [before, after] = [objectAt(base), objectAt(revision)];
  const out: ContractChange[] = [];
  const pathsBefore = objectAt(before.paths);
  const pathsAfter = objectAt(after.paths);
  for (const path of Object.keys(pathsBefore)) {
    if (!(path in pathsAfter)) {
      out.push({ kind: "path-removed", breaking: true, where: path });
      continue;
    }
    for (const method of METHODS) {
      const had = method in objectAt(pathsBefore[path]);
      const has = method in objectAt(pathsAfter[path]);
      if (had && !has)
        out.push({ kind: "operation-removed", breaking: true, where: `${method.toUpperCase()} ${path}` });
      else if (!had && has)
        out.push({ kind: "operation-added", breaking: false, where: `${method.toUpperCase()} ${path}` });
      else if (had && has) compareOperation(before, after, path, method, out);
    }
  }
  for (const path of Object.keys(pathsAfter))
    if (!(path in pathsBefore)) out.push({ kind: "path-added", breaking: false, where: path });
  return out;
}

/**
 * null when the two documents are the same (key order aside); otherwise a report for the developer: the breaking
 * changes, the other changes, and what to run to accept them.
 */
export function contractReport(
  committed: unknown,
  current: unknown,
  { committedFile, acceptCommand }: { committedFile: string; acceptCommand: string },
): string | null {
  if (isDeepStrictEqual(committed, current)) return null;
  const changes = diffContracts(committed, current);
  const breaking = changes.filter((change) => change.breaking);
  const other = changes.filter((change) => !change.breaking);
  const line = (change: ContractChange) =>
    `  - ${change.kind}: ${change.where}${change.detail ? ` (${change.detail})` : ""}`;
  return [
    `The API document built from the code differs from ${committedFile}.`,
    breaking.length
      ? `BREAKING changes (${breaking.length}): clients built on ${committedFile} would fail:`
      : "No breaking change.",
    ...breaking.map(line),
    other.length
      ? `Other changes (${other.length}):`
      : "Other changes: descriptions, summaries, examples or other details only.",
    ...other.map(line),
    breaking.length
      ? `If this is deliberate, run \`${acceptCommand} --breaking\`, raise the major part of info.version, and say so to the API's users.`
      : `If this is deliberate, run \`${acceptCommand}\` and raise info.version.`,
  ].join("\n");
}
