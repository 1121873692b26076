import { describe, expect, it } from "vitest";
import { GET } from "../../app/api/v1/cases/[caseNumber]/status/route";
import { takeCaseAction } from "../../lib/cases/take-action";
import { hashQueryCode } from "../../lib/cases/case-number";
import { db } from "../../lib/db/client";
import { LOOKUPS_PER_MINUTE, lookupCaseStatus, WRONG_CODES_PER_CASE_PER_HOUR } from "../../lib/tracking/lookup";
import { expectDocumented } from "./api-support";
import { actorFor, makeCase } from "./cases-fixtures";

/** The public status lookup, through the real route handler against a real database. */

const CODE = "ABCD2345";

async function caseWithCode() {
  const clerk = await actorFor({ loginName: "clerk" });
  const row = await makeCase({ departmentId: clerk.departmentId ?? "" });
  await db().case.update({ where: { id: row.id }, data: { queryCodeHash: hashQueryCode(CODE) } });
  await takeCaseAction(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 }, { ip: null });
  return row;
}

let address = 0;
/** Each test from its own address, so the per-address limit of one test does not spill into the next. */
const newAddress = () => `198.51.100.${++address}`;

function call(caseNumber: string, query: string, ip: string) {
  return GET(
    new Request(`http://localhost/api/v1/cases/${caseNumber}/status?${query}`, {
      headers: { "x-onewindow-client-address": ip },
    }),
    { params: Promise.resolve({ caseNumber }) },
  );
}

describe("GET /api/v1/cases/{caseNumber}/status", () => {
  it("answers exactly the public fields, without personal data; the code is case- and space-insensitive", async () => {
    const row = await caseWithCode();
    const ip = newAddress();
    const response = await call(row.caseNumber, `code=${encodeURIComponent("abcd 2345")}`, ip);
    expect(response.status).toBe(200);
    await expectDocumented("GET", "/api/v1/cases/{caseNumber}/status", response);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      "acceptedAt",
      "caseNumber",
      "completedAt",
      "department",
      "dueDate",
      "item",
      "status",
      "statusLabel",
      "submittedAt",
    ]);
    const item = await db().serviceItem.findUniqueOrThrow({
      where: { id: row.serviceItemId },
      include: { department: true },
    });
    expect(body).toMatchObject({
      caseNumber: row.caseNumber,
      status: "ACCEPTED",
      statusLabel: "已受理",
      item: item.name,
      completedAt: null,
    });
    expect(body.department).toBe((await db().department.findUniqueOrThrow({ where: { id: row.departmentId } })).name);
    expect(body.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(body)).not.toContain(row.applicantName);

    const english = (await (await call(row.caseNumber, `code=${CODE}&lang=en`, ip)).json()) as Record<string, unknown>;
    expect(english).toMatchObject({ statusLabel: "Accepted", item: item.nameEn });
  });

  it("gives the identical 404 for an unknown number, a wrong code, a missing code and a malformed number", async () => {
    const row = await caseWithCode();
    const ip = newAddress();
    const unknownNumber = `${row.caseNumber.slice(0, 14)}999999`;
    const answers = await Promise.all([
      call(unknownNumber, `code=${CODE}`, ip),
      call(row.caseNumber, "code=WRONG234", ip),
      call(row.caseNumber, "", ip),
      call("12345", `code=${CODE}`, ip),
    ]);
    await expectDocumented("GET", "/api/v1/cases/{caseNumber}/status", answers[0]!);
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] ?? "{}")).toEqual({
      error: { code: "NOT_FOUND", message: "没有与此办件编号和查询码相符的办件。" },
    });
  });

  it("rate limits per address with 429 and Retry-After", async () => {
    const row = await caseWithCode();
    const ip = newAddress();
    for (let index = 0; index < LOOKUPS_PER_MINUTE; index++)
      expect((await call(row.caseNumber, `code=${CODE}`, ip)).status).toBe(200);
    const limited = await call(row.caseNumber, `code=${CODE}`, ip);
    expect(limited.status).toBe(429);
    await expectDocumented("GET", "/api/v1/cases/{caseNumber}/status", limited);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    // Another address is not affected.
    expect((await call(row.caseNumber, `code=${CODE}`, newAddress())).status).toBe(200);
  });

  it("locks a case's lookups once its wrong codes are used up: then the right code is refused like a wrong one", async () => {
    const row = await caseWithCode();
    // Right codes do not use up the budget.
    for (let index = 0; index < WRONG_CODES_PER_CASE_PER_HOUR + 5; index++) {
      expect(await lookupCaseStatus({ caseNumber: row.caseNumber, code: CODE }, { ip: newAddress() })).toMatchObject({
        status: "ACCEPTED",
      });
    }
    for (let index = 0; index < WRONG_CODES_PER_CASE_PER_HOUR; index++)
      expect(await lookupCaseStatus({ caseNumber: row.caseNumber, code: "WRONG234" }, { ip: newAddress() })).toBeNull();
    for (const code of ["WRONG234", CODE, CODE.toLowerCase(), "ZZZZ9999"]) {
      await expect(lookupCaseStatus({ caseNumber: row.caseNumber, code }, { ip: newAddress() })).rejects.toMatchObject({
        code: "THROTTLED",
      });
    }
    // Over HTTP the right code and a wrong one now give the same 429.
    const [right, wrong] = await Promise.all([
      call(row.caseNumber, `code=${CODE}`, newAddress()),
      call(row.caseNumber, "code=WRONG234", newAddress()),
    ]);
    expect([right.status, wrong.status]).toEqual([429, 429]);
    expect(await right.text()).toBe(await wrong.text());
    // Another case is not locked.
    const other = await caseWithCode();
    expect(await lookupCaseStatus({ caseNumber: other.caseNumber, code: CODE }, { ip: newAddress() })).toMatchObject({
      status: "ACCEPTED",
    });
  });

  it("never lets concurrent guesses past the budget", async () => {
    const row = await caseWithCode();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) =>
        lookupCaseStatus(
          { caseNumber: row.caseNumber, code: `WRONG${String(index).padStart(3, "0")}` },
          { ip: newAddress() },
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(WRONG_CODES_PER_CASE_PER_HOUR);
    expect(
      outcomes
        .filter((outcome) => outcome.status === "rejected")
        .every((outcome) => (outcome.reason as { code?: string }).code === "THROTTLED"),
    ).toBe(true);
  });
});
