// `npm run api:contract`: checks the API contract, as lib/api/contract.test.ts does in `npm test` — Redocly's lint
// of the document the code builds (lib/api/openapi.ts), its differences from the committed docs/openapi.json
// (breaking changes listed apart), and the generated client types in lib/api/client/schema.d.ts.
// `-- --accept` rewrites docs/openapi.json and the client types from the code; it refuses breaking changes
// unless `--breaking` is given too, so that a break is always made on purpose.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { openApiDocument } from "../lib/api/openapi";
import {
  ACCEPT_COMMAND,
  CLIENT_TYPES_FILE,
  CONTRACT_FILE,
  describeProblem,
  fromRoot,
  generateClientTypes,
  lintContract,
  serializeDocument,
} from "../lib/api/contract";
import { contractReport, diffContracts } from "../lib/api/contract-diff";

const args = process.argv.slice(2);
const accept = args.includes("--accept");
const allowBreaking = args.includes("--breaking");

const document = openApiDocument();
const lint = await lintContract(document);
const operations = Object.values(document.paths).flatMap((item) => Object.values(item) as { operationId?: string }[]);
console.log(
  `Redocly (redocly.yaml): ${lint.errors.length} errors, ${lint.warnings.length} warnings; ${operations.length} operations, ${operations.filter((operation) => operation.operationId).length} with an operationId`,
);
for (const problem of [...lint.errors, ...lint.warnings]) console.log(`  ${describeProblem(problem)}`);

const committed: unknown = existsSync(fromRoot(CONTRACT_FILE))
  ? JSON.parse(readFileSync(fromRoot(CONTRACT_FILE), "utf8"))
  : { paths: {} };
const report = contractReport(committed, document, { committedFile: CONTRACT_FILE, acceptCommand: ACCEPT_COMMAND });
const types = await generateClientTypes(document);
const typesCurrent =
  existsSync(fromRoot(CLIENT_TYPES_FILE)) && readFileSync(fromRoot(CLIENT_TYPES_FILE), "utf8") === types;

if (!accept) {
  console.log(report ?? `${CONTRACT_FILE} is the document the code builds.`);
  console.log(
    typesCurrent
      ? `${CLIENT_TYPES_FILE} is current.`
      : `${CLIENT_TYPES_FILE} is not what ${CONTRACT_FILE} generates: run \`${ACCEPT_COMMAND}\`.`,
  );
  process.exit(report || !typesCurrent || lint.errors.length || lint.warnings.length ? 1 : 0);
}

const breaking = diffContracts(committed, document).filter((change) => change.breaking);
if (breaking.length && !allowBreaking) {
  console.log(report);
  console.log(`\nNot written: ${breaking.length} breaking change(s). Add --breaking to accept them on purpose.`);
  process.exit(1);
}
if (lint.errors.length)
  console.log("Written although the lint reports errors: the contract test fails until they are fixed.");
writeFileSync(fromRoot(CONTRACT_FILE), serializeDocument(document));
writeFileSync(fromRoot(CLIENT_TYPES_FILE), types);
console.log(`${report ? "Accepted. " : ""}Wrote ${CONTRACT_FILE} and ${CLIENT_TYPES_FILE}.`);
