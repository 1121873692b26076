import path from "node:path";
import { fileURLToPath } from "node:url";
import { lintFromString, loadConfig, type NormalizedProblem } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

/**
 * The API contract's checked-in artefacts and the tools that keep them honest (used by `npm run api:contract` and
 * lib/api/contract.test.ts; development tools, never imported by the app):
 * - docs/openapi.json, the document as the code builds it (lib/api/openapi.ts), committed so every change to the
 *   contract shows in review and is compared with the previous one (lib/api/contract-diff.ts);
 * - lib/api/client/schema.d.ts, the TypeScript types openapi-typescript generates from it, which the typed client
 *   (lib/api/client) is built on. They are committed rather than generated during the build so that the type check
 *   of a clean clone (the first step of `npm test`) has them, and so that a contract change shows in review as the
 *   types its callers will see; the contract test regenerates them and fails when the committed ones differ.
 * - Redocly's `recommended` lint, configured by redocly.yaml at the root (where any exception must be explained).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const CONTRACT_FILE = "docs/openapi.json";
export const CLIENT_TYPES_FILE = "lib/api/client/schema.d.ts";
export const REDOCLY_CONFIG_FILE = "redocly.yaml";
export const ACCEPT_COMMAND = "npm run api:contract -- --accept";

export const fromRoot = (file: string) => path.join(root, file);

/** The committed form of a document: two-space JSON with a final newline. */
export function serializeDocument(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export type LintResult = { errors: NormalizedProblem[]; warnings: NormalizedProblem[] };

/** Redocly's lint with the checked-in configuration (redocly.yaml: the `recommended` rules and any explained exception). */
export async function lintContract(document: unknown): Promise<LintResult> {
  const config = await loadConfig({ configPath: fromRoot(REDOCLY_CONFIG_FILE) });
  const problems = await lintFromString({
    source: serializeDocument(document),
    absoluteRef: fromRoot(CONTRACT_FILE),
    config,
  });
  return {
    errors: problems.filter((problem) => problem.severity === "error"),
    warnings: problems.filter((problem) => problem.severity === "warn"),
  };
}

export function describeProblem(problem: NormalizedProblem): string {
  const pointer = problem.location[0]?.pointer ?? "";
  return `${problem.severity} ${problem.ruleId} ${pointer}: ${problem.message}`;
}

const HEADER = `// Generated from ${CONTRACT_FILE} by openapi-typescript (lib/api/contract.ts). Do not edit:
// \`${ACCEPT_COMMAND}\` rewrites it, and lib/api/contract.test.ts fails when it is stale.
`;

/**
 * The client types of a document, as committed in lib/api/client/schema.d.ts. File parts of multipart bodies
 * (`contentMediaType: application/octet-stream`) become `Blob`, so an upload is typed as the FormData part it is.
 */
export async function generateClientTypes(document: unknown): Promise<string> {
  const nodes = await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0], {
    silent: true,
    emptyObjectsUnknown: true,
    // A field with a default may be left out of a request; the default must not make it required in the types.
    defaultNonNullable: false,
    transform(schema) {
      if ((schema as { contentMediaType?: unknown }).contentMediaType === "application/octet-stream")
        return ts.factory.createTypeReferenceNode("Blob");
      return undefined;
    },
  });
  return `${HEADER}${astToString(nodes)}`;
}
