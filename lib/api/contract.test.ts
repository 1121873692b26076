import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ACCEPT_COMMAND,
  CLIENT_TYPES_FILE,
  CONTRACT_FILE,
  describeProblem,
  fromRoot,
  generateClientTypes,
  lintContract,
} from "./contract";
import { contractReport } from "./contract-diff";
import { openApiDocument } from "./openapi";

/**
 * The API contract in `npm test`: the document the code builds passes Redocly's recommended lint with no error
 * and no warning (redocly.yaml holds any explained exception), it is the committed docs/openapi.json (a
 * difference fails with the breaking changes listed apart), and the committed client types are what that
 * document generates. The served document is compared with the committed one in
 * tests/integration/api-contract.integration.test.ts.
 */

const committed = JSON.parse(readFileSync(fromRoot(CONTRACT_FILE), "utf8")) as unknown;

describe("the API contract", () => {
  it("passes Redocly's recommended lint with 0 errors and 0 warnings", async () => {
    const { errors, warnings } = await lintContract(openApiDocument());
    expect([...errors, ...warnings].map(describeProblem)).toEqual([]);
  }, 30_000);

  it(`is the committed ${CONTRACT_FILE}`, () => {
    const report = contractReport(committed, openApiDocument(), {
      committedFile: CONTRACT_FILE,
      acceptCommand: ACCEPT_COMMAND,
    });
    expect(report, report ?? "").toBeNull();
  });

  it(`has current client types in ${CLIENT_TYPES_FILE}`, async () => {
    const generated = await generateClientTypes(committed);
    const current = readFileSync(fromRoot(CLIENT_TYPES_FILE), "utf8");
    expect(
      current === generated,
      `${CLIENT_TYPES_FILE} is not what ${CONTRACT_FILE} generates: run \`${ACCEPT_COMMAND}\``,
    ).toBe(true);
  }, 30_000);
});
